"""`auditor text [--lang auto|fi|sv|en] [--json] FILE|-`: plain-language analysis of a text or HTML file.

HTML goes through the same block extraction and analysis as a crawled page's rendered DOM (auditor.text.blocks,
auditor.text.analysis), and the LANG rules run on it as in the crawl; plain text is split into paragraphs at
blank lines. Output: the metrics and score per language and every flagged sentence with its issues; `--json`
prints the same as one JSON document (schema "auditor-text/1", docs/plain-language.md).

Exit codes: 0 analysed (whatever was found), 2 bad input (missing or binary file, Voikko missing).
"""
from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

import click

SCHEMA = "auditor-text/1"
MAX_BYTES = 20 * 1024 * 1024
_HTML_HINT = re.compile(r"<(?:!doctype|html|head|body|main|p|div|h[1-6]|ul|ol|table|section|article)\b", re.I)


def _fail(msg: str) -> None:
    click.echo(f"auditor: error: {msg}", err=True)
    sys.exit(2)


def _read(source: str) -> tuple[str, str]:
    if source == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        name = "-"
    else:
        p = Path(source)
        if not p.is_file():
            _fail(f"no such file: {source}")
        if p.stat().st_size > MAX_BYTES:
            _fail(f"{source} is larger than {MAX_BYTES // (1024 * 1024)} MB")
        data = p.read_bytes()
        name = source
    if len(data) > MAX_BYTES:
        _fail(f"input larger than {MAX_BYTES // (1024 * 1024)} MB")
    if b"\x00" in data[:8192]:
        _fail(f"{name} is not a text or HTML file")
    try:
        return data.decode("utf-8-sig"), name
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), name


def analyse(text: str, name: str, lang: str = "auto") -> dict[str, Any]:
    """The JSON document of `auditor text` (schema auditor-text/1)."""
    from auditor import engine, registry
    from auditor.registry import PageArtifacts
    from auditor.text import analysis

    force = None if lang == "auto" else lang
    is_html = name.lower().endswith((".html", ".htm", ".xhtml")) or bool(_HTML_HINT.search(text[:4000]))
    findings: list[dict[str, Any]] = []
    if is_html:
        with tempfile.TemporaryDirectory(prefix="auditor-text-") as d:
            (Path(d) / "dom.html").write_text(text, encoding="utf-8")
            art = PageArtifacts(url=name, viewports={}, page={"dom": {"file": "dom.html"}}, dir=d,
                                options={"text_lang": force})
            result = analysis.for_artifacts(art)
            for f in engine.run_rules(registry.select(["LANG-"]), art, ()):
                findings.append({"rule": f.rule, "outcome": f.outcome, "impact": f.impact, "wcag": list(f.wcag),
                                 "selector": f.selector, "snippet": f.snippet, "message": f.message})
    else:
        result = analysis.analyse_plain_text(text, lang=lang)
    doc = {"schema": SCHEMA, "source": name, "format": "html" if is_html else "text"}
    doc.update(result.to_json(sentences="flagged", blocks=True))
    doc["findings"] = findings
    return doc


def _print(doc: dict[str, Any]) -> None:
    echo = click.echo
    echo(f"{doc['source']} ({doc['format']})")
    if doc["format"] == "html":
        echo(f"  page lang: {doc['page_lang']!r}{'' if doc['page_lang_valid'] else ' (missing or invalid)'}; "
             f"text detected as {doc['content_lang']['lang']} ({doc['content_lang']['confidence']:.2f})")
    if not doc["languages"]:
        echo("  no Finnish, Swedish or English text found")
    for lang, r in doc["languages"].items():
        m = r["metrics"]
        score = "n/a (fewer than 30 words)" if r["score"] is None else \
            f"{r['score']:.1f}/100 ({r['band']['en']}; {r['band'].get(lang, '')})"
        echo(f"\n[{lang}] plain-language score {score}")
        echo(f"  words {r['words']}, sentences {r['sentences']}, words per sentence {m['words_per_sentence']}, "
             f"letters per word {m['letters_per_word']}, LIX {m['lix']}")
        if lang == "fi":
            echo(f"  Wiio {m['wiio']}; per 100 words: long compounds {m['long_compounds_per_100']}, passives "
                 f"{m['passives_per_100']}, action nouns {m['nominals_per_100']}, clause-equivalents "
                 f"{m['clause_equivalents_per_100']}; reader addressed in {m['addresses_reader_share']:.0%} "
                 f"of sentences")
        elif lang == "sv":
            echo(f"  LIX band: {m['lix_band']['sv']}; OVIX {m['ovix']}; passives per 100 words "
                 f"{m['passives_per_100']}")
        elif lang == "en":
            echo(f"  Flesch Reading Ease {m['flesch_reading_ease']}, Flesch-Kincaid grade "
                 f"{m['flesch_kincaid_grade']}; passives per 100 words {m['passives_per_100']}")
        flagged = r.get("sentence_list", [])
        echo(f"  flagged sentences: {len(flagged)} of {r['sentences']}")
        for s in flagged:
            echo(f"\n  » {s['text']}")
            for i in s["issues"]:
                echo(f"    {i['code']}: {i['message']}")
    if doc["findings"]:
        echo("\nlanguage of page and parts:")
        for f in doc["findings"]:
            echo(f"  {f['rule']} ({f['outcome']}, WCAG {', '.join(f['wcag'])}) {f['selector']}: {f['message']}")


@click.command("text")
@click.argument("source", metavar="FILE|-")
@click.option("--lang", type=click.Choice(["auto", "fi", "sv", "en"]), default="auto", show_default=True,
              help="Language of the text (auto: from lang attributes and detection).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (schema auditor-text/1).")
def text_command(source: str, lang: str, as_json: bool) -> None:
    """Plain-language analysis of a text or HTML file (- reads standard input)."""
    from auditor.text.fi_morph import VoikkoUnavailable

    content, name = _read(source)
    try:
        doc = analyse(content, name, lang)
    except VoikkoUnavailable as exc:
        _fail(str(exc))
    if as_json:
        click.echo(json.dumps(doc, ensure_ascii=False, indent=1))
    else:
        _print(doc)


if __name__ == "__main__":
    text_command()
