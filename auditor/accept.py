"""Procurement acceptance: an audit under a named requirement profile, an acceptance report (each requirement,
pass or fail, with evidence) and one archive of the whole run that can be handed over.

A profile is a TOML file:

    [profile]
    name = "Esimerkkilä e-service, acceptance 2026"
    description = "Contract 12/2026, appendix 3: accessibility requirements"

    [audit]                 # any auditor.toml setting: max-pages, viewports, depth, ...
    max-pages = 50

    [assertions]            # as in auditor.toml; `preset` and selectors (see auditor/gate.py)
    preset = "procurement"

    [requirements]          # optional: the contract's words for each assertion selector
    "wcag21-aa" = "R1: no WCAG 2.1 A/AA failure found by automated testing"
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import tomllib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from auditor import __version__, gate
from auditor.config import FILE_KEYS
from auditor.store import Store


class ProfileError(ValueError):
    pass


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    audit: dict[str, Any] = field(default_factory=dict)
    assertions: dict[str, Any] = field(default_factory=dict)
    requirements: dict[str, str] = field(default_factory=dict)


def load_profile(path: Path) -> Profile:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ProfileError(f"cannot read profile {path}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"profile {path}: not valid TOML: {exc}") from None
    extra = set(data) - {"profile", "audit", "assertions", "requirements"}
    if extra:
        raise ProfileError(f"profile {path}: unknown table {sorted(extra)[0]!r}")
    meta = data.get("profile") or {}
    if not meta.get("name"):
        raise ProfileError(f"profile {path}: [profile] name is required")
    audit = {k.replace("-", "_"): v for k, v in (data.get("audit") or {}).items()}
    bad = set(audit) - FILE_KEYS - {"urls"} | (set(audit) & {"assertions", "auth", "login"})
    if bad:
        raise ProfileError(f"profile {path}: unknown [audit] key {sorted(bad)[0]!r}")
    assertions = data.get("assertions") or {}
    try:
        gate.Assertions.from_config(assertions)
    except gate.GateError as exc:
        raise ProfileError(f"profile {path}: {exc}") from None
    return Profile(name=str(meta["name"]), description=str(meta.get("description", "")), audit=audit,
                   assertions=assertions, requirements={str(k): str(v) for k, v in
                                                        (data.get("requirements") or {}).items()})


# The acceptance report's words in English, Finnish and Swedish (--report-lang).
TEXT: dict[str, dict[str, str]] = {
    "Acceptance": {"fi": "Vastaanotto", "sv": "Mottagning"},
    "Full audit report": {"fi": "Koko arviointiraportti", "sv": "Hela granskningsrapporten"},
    "Result": {"fi": "Tulos", "sv": "Resultat"},
    "ACCEPTED": {"fi": "HYVÄKSYTTY", "sv": "GODKÄND"},
    "REJECTED": {"fi": "HYLÄTTY", "sv": "UNDERKÄND"},
    "run {id} of {site}, {pages} URLs, {started}": {
        "fi": "ajo {id}, sivusto {site}, {pages} osoitetta, {started}",
        "sv": "körning {id} av {site}, {pages} adresser, {started}"},
    "Automated testing finds only part of the accessibility problems of a service; a requirement \"passed\" here "
    "means no automated failure was found, not that the requirement is met in full.": {
        "fi": "Automaattinen testaus löytää vain osan palvelun saavutettavuusongelmista. Kun vaatimus on tässä "
              "\"hyväksytty\", automaattinen testaus ei löytänyt puutteita; se ei tarkoita, että vaatimus täyttyy "
              "kokonaan.",
        "sv": "Automatiska tester hittar bara en del av tjänstens tillgänglighetsproblem. Att ett krav här är "
              "\"godkänt\" betyder att de automatiska testerna inte hittade några fel, inte att kravet uppfylls "
              "helt."},
    "Requirements": {"fi": "Vaatimukset", "sv": "Krav"},
    "Each requirement of the profile, with its result": {"fi": "Profiilin vaatimukset ja niiden tulokset",
                                                         "sv": "Profilens krav och deras resultat"},
    "Requirement": {"fi": "Vaatimus", "sv": "Krav"},
    "Measured": {"fi": "Mitattu", "sv": "Uppmätt"},
    "Evidence": {"fi": "Näyttö", "sv": "Belägg"},
    "pass": {"fi": "hyväksytty", "sv": "godkänt"},
    "warning": {"fi": "varoitus", "sv": "varning"},
    "fail": {"fi": "hylätty", "sv": "underkänt"},
    "{n} findings (allowed {limit})": {"fi": "{n} havaintoa (sallittu {limit})",
                                       "sv": "{n} fynd (tillåtet {limit})"},
    "score {n} (required {limit})": {"fi": "pisteet {n} (vaaditaan {limit})", "sv": "poäng {n} (krävs {limit})"},
}
LANGS = ("en", "fi", "sv")


def translate(s: str, lang: str, **kw: Any) -> str:
    text = TEXT.get(s, {}).get(lang, s) if lang != "en" else s
    return text.format(**kw) if kw else text


def _message(f: dict[str, Any], lang: str) -> tuple[str, str]:
    """A finding's message in `lang` when the rule gave one (findings.messages), else as stored (English)."""
    msgs = f.get("messages")
    if isinstance(msgs, dict) and len(msgs) > 1 and msgs.get(lang):
        return msgs[lang], lang
    return f.get("message") or "", "en"


def write_acceptance(store: Store, run_id: int, profile: Profile, out: Path, profile_file: Path,
                     lang: str = "en") -> dict[str, Path]:
    if lang not in LANGS:
        raise ValueError(f"unknown report language {lang!r}: use {', '.join(LANGS)}")
    run = store.get_run(run_id)
    pages, findings = store.pages(run_id), store.findings(run_id)
    results = gate.evaluate(gate.Assertions.from_config(profile.assertions), pages, findings)
    accepted = gate.exit_code(results) == gate.EXIT_PASSED
    urls = {p["id"]: p["url"] for p in pages}
    reqs = []
    for r in results:
        reqs.append({
            "selector": r.selector, "requirement": profile.requirements.get(r.selector, ""),
            "level": r.level, "passed": r.passed, "actual": r.actual, "limit": r.limit, "kind": r.kind,
            "evidence": [{"rule": e["rule"], "url": e.get("url") or urls.get(e["page_id"], ""),
                          "selector": e["selector"], "message": _message(e, lang)[0][:500],
                          "message_lang": _message(e, lang)[1],
                          "viewports": e["viewports"], "wcag": e["wcag"]} for e in r.examples[:10]],
        })
    folder = out / f"acceptance-run-{run_id}"
    folder.mkdir(parents=True, exist_ok=True)
    doc = {
        "schema": "auditor-acceptance/1", "profile": {"name": profile.name, "description": profile.description},
        "accepted": accepted, "run": {k: str(run[k]) if run[k] is not None else None for k in
                                      ("id", "site", "status", "started_at", "finished_at", "tool_version",
                                       "axe_version", "browser_version")},
        "pages": len(pages), "requirements": reqs, "lang": lang,
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    }
    (folder / "acceptance.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    env = Environment(loader=PackageLoader("auditor", "templates"), autoescape=select_autoescape(["html"]))
    html = env.get_template("acceptance.html").render(doc=doc, report=f"../run-{run_id}/index.html", lang=lang,
                                                      t=lambda s, **kw: translate(s, lang, **kw))
    (folder / "acceptance.html").write_text(html, encoding="utf-8")
    (folder / "profile.toml").write_bytes(profile_file.read_bytes())
    archive = out / f"acceptance-run-{run_id}.zip"
    _archive(archive, out, run_id, folder, run)
    return {"html": folder / "acceptance.html", "json": folder / "acceptance.json", "archive": archive}


def _archive(path: Path, out: Path, run_id: int, folder: Path, run: dict[str, Any]) -> None:
    """One zip: acceptance report, full report, artifacts, the run's config and versions, with a manifest of
    SHA-256 sums so the receiver can check nothing was changed."""
    roots = [folder, out / f"run-{run_id}", out / "artifacts" / f"run-{run_id}"]
    manifest: dict[str, Any] = {
        "run": run_id, "site": run["site"], "tool_version": __version__, "axe_version": run["axe_version"],
        "browser_version": run["browser_version"], "config": run["config"], "files": {}}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for root in roots:
            if not root.is_dir():
                continue
            for f in sorted(root.rglob("*")):
                if f.is_file():
                    rel = f.relative_to(out).as_posix()
                    manifest["files"][rel] = hashlib.sha256(f.read_bytes()).hexdigest()
                    z.write(f, rel)
        z.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1, default=str))
