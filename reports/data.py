"""What every report shows, computed once from the store: the run, its pages, the summary (dashboard), the grouped
findings, the per-rule view, the conformance table and the plain-language figures. The writers only lay this out.

Findings fall in one of four categories, kept apart everywhere:
  fail      a failure: WCAG A/AA failures count against conformance and the accessibility score
  review    axe "incomplete": a person must decide; not a failure
  advisory  best practice, AAA, plain language: never a conformance failure
  error     the rule itself broke on that page

and in one of four areas, from the rule code: AXE- and own accessibility rules -> accessibility, DI- -> device,
PL- and LANG- -> language, SV- -> service.

Large runs: the store is read twice, both times streamed in page order (`Store.iter_findings`): once here to
aggregate (counts, groups, conformance), and once by each writer that lists findings page by page
(`ReportData.iter_pages`). Only pages (without their links) and the aggregates are held in memory.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from auditor import engine, standards
from auditor.gate import AREAS, area_of  # one area mapping for gates, scores and reports
from auditor.models import IMPACTS
from auditor.store import Store
from reports import axe_catalog, i18n

SCHEMA = "auditor-report/1"
# Minor versions add fields; a change that removes or renames a field gets a new SCHEMA (docs/report-schema.md).
SCHEMA_VERSION = "1.2.0"
CATEGORIES = ("fail", "review", "advisory", "error")
SEVERITIES = tuple(reversed(IMPACTS))  # critical first
VIEWPORT_NAME = re.compile(r"[a-z0-9_-]+")
LANG_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}")
# Plain-language distribution: pages by the number of flagged sentences.
PL_BINS = ((0, 0), (1, 2), (3, 5), (6, 10), (11, None))


def category(f: dict[str, Any]) -> str:
    if f["outcome"] == "error":
        return "error"
    if f["advisory"]:
        return "advisory"
    return "fail" if f["outcome"] == "fail" else "review"


def text_lang_of(f: dict[str, Any]) -> str | None:
    """Language of the text a finding quotes: evidence["lang"], else from the rule code (PL-FI -> fi)."""
    ev = f.get("evidence") or {}
    lang = ev.get("lang") if isinstance(ev, dict) else None
    if isinstance(lang, str) and LANG_TAG.fullmatch(lang):
        return lang
    m = re.match(r"PL-(FI|SV|EN)-", f.get("rule", ""))
    return m.group(1).lower() if m else None


def iso(d: dt.datetime | None) -> str | None:
    """Store datetimes are naive UTC."""
    if d is None:
        return None
    return (d.replace(tzinfo=dt.timezone.utc) if d.tzinfo is None else d).isoformat()


def normalise_selector(selector: str) -> str:
    """The selector with numbers folded (nth-child(3) == nth-child(7)), as in auditor.models.fingerprint."""
    return re.sub(r"\d+", "N", selector or "")


def template_of(url: str) -> str:
    """The page template a URL most likely uses, from its path: the last segment of a leaf page and every number
    folded. / -> "/", /uutiset/ -> "/uutiset/", /uutiset/katutyot.html -> "/uutiset/*", /a/2024/x -> "/a/N/*"."""
    try:
        path = urlsplit(url).path or "/"
    except ValueError:
        return "/"
    segs = path.split("/")
    if not path.endswith("/"):
        segs[-1] = "*"
    return "/".join(re.sub(r"\d+", "N", s) for s in segs)


def _snippet_sig(snippet: str) -> str:
    s = re.sub(r"\s+", " ", re.sub(r"\d+", "N", snippet or "")).strip()
    return hashlib.sha1(s.encode()).hexdigest()[:12]


def group_id(rule: str, norm_selector: str, template: str) -> str:
    return hashlib.sha1(f"{rule}\x00{norm_selector}\x00{template}".encode()).hexdigest()[:12]


def _viewports(config: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for v in config.get("viewports") or ():
        v = v if isinstance(v, dict) else {"name": v}
        name = v.get("name")
        if isinstance(name, str) and VIEWPORT_NAME.fullmatch(name):
            out.append({"name": name, "width": v.get("width"), "height": v.get("height")})
    return out


def sc_key(sc: str) -> tuple:
    try:
        return (0, standards.sort_key(sc))
    except ValueError:
        return (1, sc)


def _worse(a: str, b: str) -> str:
    rank = {imp: i for i, imp in enumerate(IMPACTS)}
    return a if rank.get(a, -1) >= rank.get(b, -1) else b


def impact_rank(imp: str) -> int:
    return IMPACTS.index(imp) if imp in IMPACTS else -1


def _anchors(codes: list[str]) -> dict[str, str]:
    """Rule code -> unique HTML id (codes are ours, but never trust text in an attribute unchecked)."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for code in codes:
        base = "rule-" + re.sub(r"[^A-Za-z0-9_-]+", "-", code)
        anchor, n = base, 1
        while anchor in used:
            n += 1
            anchor = f"{base}-{n}"
        used.add(anchor)
        out[code] = anchor
    return out


def _registry_rules() -> dict[str, Any]:
    try:
        from auditor import registry

        return registry.discover()
    except Exception:  # a broken rule module must not stop a report of stored results
        return {}


def _rules_run(run: dict[str, Any], registry_rules: dict[str, Any]) -> list[str]:
    """Codes of the rules the run had: the run's own record when the audit kept one, else the rules registered now
    that match the run's --rules prefixes."""
    config = run.get("config") or {}
    recorded = config.get("rules_run")
    if isinstance(recorded, list) and recorded:
        return [c for c in recorded if isinstance(c, str)]
    prefixes = tuple(p for p in (config.get("rules") or ()) if isinstance(p, str))
    return [c for c in registry_rules if not prefixes or c.startswith(prefixes)]


def words_in(text: str) -> int:
    return len(re.findall(r"\w+(?:[-’']\w+)*", text or ""))


@dataclass
class Group:
    """One problem, however many pages it is on: rule + normalised selector + page template."""

    id: str
    rule: str
    area: str
    norm_selector: str
    template: str  # "*" when the same element repeats in every template (a site-wide component)
    help: str = ""
    help_url: str = ""
    impact: str = "minor"
    categories: set = field(default_factory=set)
    wcag: set = field(default_factory=set)
    level: str = ""
    en301549: set = field(default_factory=set)
    act: set = field(default_factory=set)
    viewports: set = field(default_factory=set)
    findings: int = 0
    page_ids: set = field(default_factory=set)
    fingerprints: set = field(default_factory=set)
    snippet_sigs: set = field(default_factory=set)
    rep: dict | None = None  # representative finding (with "page_url", "page_title")
    rep_key: tuple = ()

    @property
    def category(self) -> str:
        return min(self.categories, key=CATEGORIES.index) if self.categories else "error"

    def sort_key(self) -> tuple:
        return (CATEGORIES.index(self.category), -impact_rank(self.impact), -len(self.page_ids), self.rule,
                self.norm_selector, self.template)

    def absorb(self, other: "Group") -> None:
        self.impact = _worse(self.impact, other.impact)
        self.categories |= other.categories
        self.wcag |= other.wcag
        self.en301549 |= other.en301549
        self.act |= other.act
        self.viewports |= other.viewports
        self.findings += other.findings
        self.page_ids |= other.page_ids
        self.fingerprints |= other.fingerprints
        self.snippet_sigs |= other.snippet_sigs
        self.help = self.help or other.help
        self.help_url = self.help_url or other.help_url
        if other.rep is not None and (self.rep is None or other.rep_key < self.rep_key):
            self.rep, self.rep_key = other.rep, other.rep_key


@dataclass
class ReportData:
    run: dict[str, Any]
    viewports: list[dict[str, Any]]  # [{"name", "width", "height"}], names safe for file paths
    pages: list[dict[str, Any]]  # store rows (without links) + "counts", "areas", "template", "pl"
    summary: dict[str, Any]
    rules: list[dict[str, Any]]
    groups: list[dict[str, Any]] = field(default_factory=list)
    conformance: list[dict[str, Any]] = field(default_factory=list)
    lang: str = "en"
    visits_per_year: int | None = None
    store: Store | None = None
    run_id: int = 0
    group_index: dict[tuple, str] = field(default_factory=dict)  # (rule, norm selector, template) -> group id
    rule_areas: dict[str, str] = field(default_factory=dict)
    trend: list[dict[str, Any]] = field(default_factory=list)  # earlier runs of the same site, oldest first

    @property
    def pages_by_id(self) -> dict[int, dict[str, Any]]:
        return {p["id"]: p for p in self.pages}

    def group_of(self, f: dict[str, Any], page: dict[str, Any]) -> str | None:
        ns = normalise_selector(f["selector"])
        return (self.group_index.get((f["rule"], ns, page["template"]))
                or self.group_index.get((f["rule"], ns, "*")))

    def iter_pages(self) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
        """(page, its findings) in page id order, findings streamed from the store and annotated with category,
        area, anchor and group id."""
        by_id = self.pages_by_id
        anchors = {r["code"]: r["anchor"] for r in self.rules}
        ordered = sorted(self.pages, key=lambda p: p["id"])
        it = self.store.iter_findings(self.run_id) if self.store is not None else iter(())
        pending = next(it, None)
        for page in ordered:
            found = []
            while pending is not None and pending["page_id"] <= page["id"]:
                f = pending
                pending = next(it, None)
                if f["page_id"] != page["id"] or f["page_id"] not in by_id:
                    continue
                annotate(f, self.rule_areas)
                f["anchor"] = anchors.get(f["rule"], "")
                f["group"] = self.group_of(f, page)
                found.append(f)
            found.sort(key=lambda f: (CATEGORIES.index(f["category"]), -impact_rank(f["impact"]), f["rule"],
                                      f["selector"]))
            yield page, found


def annotate(f: dict[str, Any], rule_areas: dict[str, str]) -> dict[str, Any]:
    f["category"] = category(f)
    f["area"] = area_of(f["rule"], rule_areas)
    f["viewports"] = list(f.get("viewports") or [])
    f["wcag"] = list(f.get("wcag") or [])
    f["en301549"] = list(f.get("en301549") or [])
    f["act"] = list(f.get("act") or [])
    if not isinstance(f.get("evidence"), dict):
        f["evidence"] = {}
    if not isinstance(f.get("boxes"), dict):
        f["boxes"] = {}
    return f


def _page_lang(page: dict[str, Any]) -> str | None:
    d = page.get("artifact_dir")
    if not d:
        return None
    try:
        lang = json.loads((Path(d) / "page.json").read_text(encoding="utf-8")).get("lang")
    except (OSError, ValueError, AttributeError):
        return None
    return lang if isinstance(lang, str) and LANG_TAG.fullmatch(lang.strip()) else None


# The extra reading time hard text costs (the Standard Cost Model of the administrative burden: time x count).
# Silent reading speed of plain text, words per minute: IReST (Trauzettel-Klosinski & Dietz 2012, Investigative
# Ophthalmology & Visual Science 53(9)) measured 161 for Finnish, 218 for Swedish, 228 for English.
READING_WPM = {"fi": 161, "sv": 218, "en": 228}
READING_WPM_DEFAULT = 180
# Assumption (shown in the report): a flagged sentence takes 50 % longer to read than a plain one (slower reading
# and re-reading), and each visit reads each flagged sentence once.
HARD_TEXT_SLOWDOWN = 0.5


def extra_seconds(words: int, lang: str | None) -> float:
    wpm = READING_WPM.get((lang or "")[:2].lower(), READING_WPM_DEFAULT)
    return words * 60.0 / wpm * HARD_TEXT_SLOWDOWN


def build(store: Store, run_id: int, *, lang: str = "en", visits_per_year: int | None = None) -> ReportData:
    run = store.get_run(run_id)
    if run is None:
        raise KeyError(f"no run {run_id}")
    lang = i18n.check_lang(lang)
    if visits_per_year is not None and (not isinstance(visits_per_year, int) or visits_per_year < 0):
        raise ValueError("visits_per_year must be a whole number, 0 or more")
    viewports = _viewports(run.get("config") or {})
    vp_order = {v["name"]: i for i, v in enumerate(viewports)}
    registry_rules = _registry_rules()
    rule_areas = {c: getattr(r, "area", "") for c, r in registry_rules.items()}
    rules_run = _rules_run(run, registry_rules)

    pages = store.pages(run_id)
    by_id: dict[int, dict[str, Any]] = {}
    for p in pages:
        p.pop("links", None)
        p["template"] = template_of(p["url"])
        p["counts"] = dict.fromkeys(CATEGORIES, 0)
        p["areas"] = {a: {"fail": 0, "review": 0, "advisory": 0, "score": None} for a in AREAS}
        p["pl"] = {"flagged": 0, "words": 0, "seconds": 0.0, "sentences": set()}
        p["_rows"] = []  # what the scores need of each finding (engine.area_page_score)
        by_id[p["id"]] = p

    impact_stats = {s: {"findings": 0, "pages": set()} for s in SEVERITIES}
    sc_stats: dict[str, dict[str, Any]] = {}
    review_sc: dict[str, dict[str, Any]] = {}
    cat_stats = {c: {"findings": 0, "pages": set()} for c in CATEGORIES}
    area_stats = {a: {c: 0 for c in CATEGORIES} | {"pages": set()} for a in AREAS}
    rules: dict[str, dict[str, Any]] = {}
    groups: dict[tuple, Group] = {}
    seen_codes: set[str] = set()

    for f in store.iter_findings(run_id):
        p = by_id.get(f["page_id"])
        if p is None:
            continue
        annotate(f, rule_areas)
        cat, area, code = f["category"], f["area"], f["rule"]
        seen_codes.add(code)
        p["counts"][cat] += 1
        cat_stats[cat]["findings"] += 1
        cat_stats[cat]["pages"].add(p["id"])
        if cat in ("fail", "review", "advisory"):
            p["areas"][area][cat] += 1
            area_stats[area][cat] += 1
            area_stats[area]["pages"].add(p["id"])
        # Scores: one definition, in engine.py (accessibility: WCAG A/AA failures of any rule; other areas:
        # every failing rule of theirs), computed here from the same rows the gate reads.
        if f["outcome"] == "fail":
            p["_rows"].append({k: f[k] for k in ("rule", "outcome", "impact", "advisory", "level")})
        if cat == "fail":
            st = impact_stats.setdefault(f["impact"], {"findings": 0, "pages": set()})
            st["findings"] += 1
            st["pages"].add(p["id"])
            for sc in f["wcag"]:
                st = sc_stats.setdefault(sc, {"findings": 0, "pages": set()})
                st["findings"] += 1
                st["pages"].add(p["id"])
        elif cat == "review":
            for sc in f["wcag"]:
                st = review_sc.setdefault(sc, {"findings": 0, "pages": set()})
                st["findings"] += 1
                st["pages"].add(p["id"])
        if code.startswith("PL-") and cat != "error":
            ev = f["evidence"]
            sentence = ev.get("sentence") if isinstance(ev.get("sentence"), str) else f.get("snippet") or ""
            key = sentence.strip() or f"{f['selector']}\x00{f['id']}"
            if key not in p["pl"]["sentences"]:  # several rules flagging one sentence cost its reading time once
                p["pl"]["sentences"].add(key)
                n = ev.get("words") if isinstance(ev.get("words"), int) else words_in(sentence)
                p["pl"]["flagged"] += 1
                p["pl"]["words"] += n
                p["pl"]["seconds"] += extra_seconds(n, text_lang_of(f))

        r = rules.get(code)
        if r is None:
            r = rules[code] = {
                "code": code, "area": area, "help": f["help"], "help_url": f["help_url"], "impact": f["impact"],
                "categories": set(), "wcag": set(), "level": f["level"], "en301549": set(), "act": set(),
                "findings": 0, "pages": set(), "groups": set(),
            }
        r["impact"] = _worse(f["impact"], r["impact"])
        r["categories"].add(cat)
        r["wcag"].update(f["wcag"])
        r["en301549"].update(f["en301549"])
        r["act"].update(f["act"])
        r["help"] = r["help"] or f["help"]
        r["help_url"] = r["help_url"] or f["help_url"]
        r["findings"] += 1
        r["pages"].add(p["id"])

        ns = normalise_selector(f["selector"])
        gkey = (code, ns, p["template"])
        g = groups.get(gkey)
        if g is None:
            g = groups[gkey] = Group(id="", rule=code, area=area, norm_selector=ns, template=p["template"],
                                     help=f["help"], help_url=f["help_url"], impact=f["impact"], level=f["level"])
        g.impact = _worse(f["impact"], g.impact)
        g.categories.add(cat)
        g.wcag.update(f["wcag"])
        g.en301549.update(f["en301549"])
        g.act.update(f["act"])
        g.viewports.update(f["viewports"])
        g.findings += 1
        g.page_ids.add(p["id"])
        g.fingerprints.add(f["fingerprint"])
        g.snippet_sigs.add(_snippet_sig(f["snippet"]))
        g.help = g.help or f["help"]
        g.help_url = g.help_url or f["help_url"]
        # Representative evidence: one with a screenshot box and a short URL, the worst category first.
        has_box = bool(f["boxes"]) and bool(p.get("artifact_dir"))
        rep_key = (CATEGORIES.index(cat), not has_box, len(p["url"]), p["id"], f["id"])
        if g.rep is None or rep_key < g.rep_key:
            g.rep = dict(f, page_url=p["url"], page_title=p["title"], page_artifact_dir=p.get("artifact_dir") or "")
            g.rep_key = rep_key

    # A (rule, selector) whose element is the same in every template is one site-wide group ("*").
    by_rule_sel: dict[tuple, list[tuple]] = defaultdict(list)
    for key in groups:
        by_rule_sel[key[:2]].append(key)
    merged: dict[tuple, Group] = {}
    group_index: dict[tuple, str] = {}
    for rs, keys in by_rule_sel.items():
        sigs = set().union(*(groups[k].snippet_sigs for k in keys))
        if len(keys) > 1 and len(sigs) == 1:
            g = groups[keys[0]]
            g.template = "*"
            for k in keys[1:]:
                g.absorb(groups[k])
            g.id = group_id(rs[0], rs[1], "*")
            merged[(rs[0], rs[1], "*")] = g
            for k in keys:
                group_index[k] = g.id
            group_index[(rs[0], rs[1], "*")] = g.id
        else:
            for k in keys:
                g = groups[k]
                g.id = group_id(*k)
                merged[k] = g
                group_index[k] = g.id

    rule_list = sorted(rules.values(), key=lambda r: (min(CATEGORIES.index(c) for c in r["categories"]), r["code"]))
    anchors = _anchors([r["code"] for r in rule_list])
    group_list = []
    for g in sorted(merged.values(), key=Group.sort_key):
        pages_sorted = sorted((by_id[i] for i in g.page_ids), key=lambda p: (len(p["url"]), p["url"]))
        rep = g.rep or {}
        group_list.append({
            "id": g.id, "rule": g.rule, "area": g.area, "anchor": anchors[g.rule], "category": g.category,
            "categories": [c for c in CATEGORIES if c in g.categories], "impact": g.impact,
            "help": g.help, "help_url": g.help_url, "wcag": sorted(g.wcag, key=sc_key), "level": g.level,
            "en301549": sorted(g.en301549, key=sc_key), "act": sorted(g.act),
            "viewports": sorted(g.viewports, key=lambda v: (vp_order.get(v, 99), v)),
            "selector": rep.get("selector", g.norm_selector), "norm_selector": g.norm_selector,
            "template": g.template, "findings": g.findings, "page_count": len(g.page_ids),
            "page_ids": [p["id"] for p in pages_sorted], "fingerprints": sorted(g.fingerprints),
            "representative": rep,
        })
        rules[g.rule]["groups"].add(g.id)
    group_rank = {g["id"]: i for i, g in enumerate(group_list)}
    for r in rule_list:
        r["anchor"] = anchors[r["code"]]
        r["categories"] = [c for c in CATEGORIES if c in r["categories"]]
        r["wcag"] = sorted(r["wcag"], key=sc_key)
        r["en301549"] = sorted(r["en301549"], key=sc_key)
        r["act"] = sorted(r["act"])
        r["page_count"] = len(r["pages"])
        del r["pages"]
        r["groups"] = sorted(r["groups"], key=group_rank.get)

    # Areas: audited when a rule of the area ran (or reported anything).
    audited = {area_of(c, rule_areas) for c in rules_run} | {area_of(c, rule_areas) for c in seen_codes}
    html_pages = [p for p in pages if p["kind"] == "html"]
    areas = {}
    for p in html_pages:
        # The page's accessibility score from its findings (the stored pages.score is the same function's value
        # at audit time; recomputing keeps runs stored by older versions consistent with the gate).
        p["score"] = engine.accessibility_score(p["_rows"])
    for a in AREAS:
        scores = []
        for p in html_pages:
            if a in audited or a == "accessibility":
                p["areas"][a]["score"] = engine.area_page_score(a, p["_rows"], lambda c: area_of(c, rule_areas))
                scores.append(p["areas"][a]["score"])
        areas[a] = {
            "audited": a in audited,
            "score": round(sum(scores) / len(scores), 2) if scores else None,
            "failures": area_stats[a]["fail"], "review": area_stats[a]["review"],
            "advisory": area_stats[a]["advisory"], "pages": len(area_stats[a]["pages"]),
        }
    per_visit = sum(p["pl"]["seconds"] for p in html_pages)  # before rounding: the total is exact
    for p in pages:
        del p["_rows"]
        p["pl"]["seconds"] = round(p["pl"]["seconds"], 2)
        del p["pl"]["sentences"]

    kinds: dict[str, int] = defaultdict(int)
    for p in pages:
        kinds[p["kind"]] += 1
    by_wcag = []
    for sc in sorted(sc_stats, key=sc_key):
        c = standards.get(sc)
        by_wcag.append({
            "sc": sc, "name": c.name_en if c else "", "name_fi": c.name_fi if c else "",
            "level": c.level if c else "", "principle": c.principle if c else "",
            "en301549": c.en301549 if c else "", "findings": sc_stats[sc]["findings"],
            "pages": len(sc_stats[sc]["pages"]),
        })
    by_principle = []
    for key in standards.PRINCIPLES:
        pages_p: set = set()
        n = 0
        for sc, st in sc_stats.items():
            c = standards.get(sc)
            if c and c.principle == key:
                n += st["findings"]
                pages_p |= st["pages"]
        by_principle.append({"principle": key, "findings": n, "pages": len(pages_p)})

    pl_audited = areas["language"]["audited"]
    distribution = []
    for lo, hi in PL_BINS:
        n = sum(1 for p in html_pages if p["pl"]["flagged"] >= lo and (hi is None or p["pl"]["flagged"] <= hi))
        distribution.append({"min": lo, "max": hi, "pages": n})
    plain = {
        "audited": pl_audited,
        "flagged_sentences": sum(p["pl"]["flagged"] for p in html_pages),
        "flagged_words": sum(p["pl"]["words"] for p in html_pages),
        "pages_with_flags": sum(1 for p in html_pages if p["pl"]["flagged"]),
        "distribution": distribution if pl_audited else [],
    }
    _plain_scores(plain, html_pages, areas)
    burden = None
    if visits_per_year is not None and pl_audited:
        burden = {
            "visits_per_year": visits_per_year,
            "reading_wpm": dict(READING_WPM), "reading_wpm_default": READING_WPM_DEFAULT,
            "slowdown": HARD_TEXT_SLOWDOWN,
            "seconds_per_visit_all_pages": round(per_visit, 2),
            "hours_per_year": round(per_visit * visits_per_year / 3600, 2),
        }

    summary = {
        "pages": len(pages),
        "html_pages": kinds["html"],
        "documents": kinds["document"],
        "errors": len(pages) - kinds["html"] - kinds["document"],
        # The headline is the accessibility area's score: one number (engine.site_accessibility_score).
        "site_score": areas["accessibility"]["score"],
        "failures": cat_stats["fail"]["findings"],
        "failure_pages": len(cat_stats["fail"]["pages"]),
        "failures_by_impact": {k: {"findings": v["findings"], "pages": len(v["pages"])}
                               for k, v in impact_stats.items()},
        "failures_by_wcag": by_wcag,
        "failures_by_principle": by_principle,
        "review_count": cat_stats["review"]["findings"],
        "review_pages": len(cat_stats["review"]["pages"]),
        "advisory_count": cat_stats["advisory"]["findings"],
        "advisory_pages": len(cat_stats["advisory"]["pages"]),
        "rule_error_count": cat_stats["error"]["findings"],
        "groups": len(group_list),
        "areas": areas,
        "plain_language": plain,
        "burden": burden,
    }
    conformance = _conformance(sc_stats, review_sc, rules_run, registry_rules, "AXE" in rules_run or any(
        c.startswith("AXE-") for c in seen_codes))
    summary["conformance"] = {s: sum(1 for c in conformance if c["status"] == s) for s in CONFORMANCE_STATUSES}
    trend = site_trend(store, run)
    for t in trend:
        if t["id"] == run["id"]:
            t["score"] = summary["site_score"]
    return ReportData(run=run, viewports=viewports, pages=pages, summary=summary, rules=rule_list,
                      groups=group_list, conformance=conformance, lang=lang, visits_per_year=visits_per_year,
                      store=store, run_id=run_id, group_index=group_index, rule_areas=rule_areas,
                      trend=trend)


# The trend shows the site's last runs; older ones stay in the store (`auditor history`).
TREND_RUNS = 12


def site_trend(store: Store, run: dict[str, Any]) -> list[dict[str, Any]]:
    """Accessibility score, failures and pages of this site's runs up to this one, oldest first."""
    runs = [r for r in store.list_runs() if r["site"] == run["site"] and r["id"] <= run["id"]][-TREND_RUNS:]
    out = []
    for r in runs:
        # Earlier runs: the pages' stored scores (engine.accessibility_score at audit time), cheap for long
        # histories; the run itself gets the headline's figure in build().
        scores = [p["score"] for p in store.pages(r["id"]) if p["kind"] == "html" and p["score"] is not None]
        c = store.counts(r["id"])
        out.append({"id": r["id"], "started_at": r["started_at"], "status": r["status"], "pages": c["pages"],
                    "failures": c["failures"], "score": engine.site_score(scores)})
    return out


def _plain_scores(plain: dict[str, Any], html_pages: list[dict[str, Any]], areas: dict[str, Any]) -> None:
    """The plain-language score of the language rules (auditor/text/score: 0-100 per page and language, verbal
    bands), when the run stored it as the pages' `plain_language` metric: the site score, the language area's
    score, and the pages by band. Runs without the metric keep the flagged-sentence figures only."""
    metrics = [((p.get("metrics") or {}).get("plain_language") if isinstance(p.get("metrics"), dict) else None)
               for p in html_pages]
    if not any(isinstance(m, dict) and m.get("languages") for m in metrics):
        return
    try:
        from auditor.text import score as pl_score
    except Exception:  # the text package is optional for reading stored runs
        return
    site = pl_score.site_scores(m if isinstance(m, dict) else None for m in metrics)
    counts: dict[str, int] = {}
    for p, m in zip(html_pages, metrics):
        langs = (m or {}).get("languages") or {}
        s = pl_score.weighted((v.get("score"), v.get("words", 0)) for v in langs.values() if isinstance(v, dict))
        p["pl"]["score"] = s
        b = pl_score.band(s)
        p["pl"]["band"] = b["band"] if b else None
        if b:
            counts[b["band"]] = counts.get(b["band"], 0) + 1
    plain["score"] = site["score"]
    plain["band"] = site["band"]
    plain["languages"] = site["languages"]
    plain["bands"] = [{"band": key, "min": lower, "labels": labels, "pages": counts.get(key, 0)}
                      for lower, key, labels in pl_score.BANDS]
    if site["score"] is not None:
        areas["language"]["score"] = site["score"]
        areas["language"]["score_source"] = "plain_language"


CONFORMANCE_STATUSES = ("failed", "review", "passed", "manual")


def _conformance(fails: dict, reviews: dict, rules_run: list[str], registry_rules: dict, axe_ran: bool
                 ) -> list[dict[str, Any]]:
    """WCAG 2.2 A and AA (plus 4.1.1, still in EN 301 549 V3.2.1), each with what the automated audit can say:
    failed / review (needs review) / passed (no automated failure found) / manual (not testable automatically:
    no rule that ran tests it)."""
    tested: dict[str, list[str]] = defaultdict(list)
    if axe_ran:
        for sc, ids in axe_catalog.criteria_tested().items():
            tested[sc] += [f"AXE-{i}" for i in ids]
    for code in rules_run:
        r = registry_rules.get(code)
        if r is None or getattr(r, "family", False) or getattr(r, "advisory", False):
            continue
        for sc in getattr(r, "wcag", ()) or ():
            tested[sc].append(code)
    out = []
    crit = standards.criteria(max_level="AA", version="2.2", include_obsolete=True)
    for c in crit:
        f, rv = fails.get(c.sc), reviews.get(c.sc)
        if f:
            status = "failed"
        elif rv:
            status = "review"
        elif tested.get(c.sc) and c.automatable != "no":
            status = "passed"
        else:
            status = "manual"
        out.append({
            "sc": c.sc, "name": c.name_en, "name_fi": c.name_fi, "level": c.level, "principle": c.principle,
            "en301549": c.en301549, "automatable": c.automatable, "obsolete": c.obsolete,
            "wcag_version": c.wcag_version, "status": status,
            "findings": f["findings"] if f else 0, "pages": len(f["pages"]) if f else 0,
            "review_findings": rv["findings"] if rv else 0, "review_pages": len(rv["pages"]) if rv else 0,
            "rules": sorted(set(tested.get(c.sc, ()))),
        })
    return out
