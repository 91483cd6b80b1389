"""Shared by the PL-* rule modules: declare one plain-language rule per issue code of auditor.text."""
from __future__ import annotations

from collections.abc import Iterator

from auditor.registry import Hit, PageArtifacts, page_metric, rule
from auditor.text import analysis

MAX_SNIPPET = 400


def hits(art: PageArtifacts, code: str, lang: str) -> Iterator[Hit]:
    """One hit per sentence that has the issue `code`: where (the block's selector), what (the sentence), why and
    how to fix (the issue's message, in the language of the text)."""
    a = analysis.for_artifacts(art)
    if a is None or lang not in a.languages:
        return
    for s in a.languages[lang].sentences:
        for issue in s.issues:
            if issue.code != code:
                continue
            block = a.blocks[s.block]
            yield Hit(
                selector=block.selector, snippet=s.text[:MAX_SNIPPET], message=issue.message,
                key=f"{s.block}:{s.start}",
                evidence={"sentence": s.text, "lang": lang, "words": s.words, "terms": list(issue.evidence),
                          "block_kind": block.kind, "offset": [s.start, s.end],
                          **({"suggestion": issue.suggestion} if issue.suggestion else {})},
            )


def declare(code: str, lang: str, doc: str, help_fi: str, help_sv: str = "",
            titles: tuple[str, str, str] = ("", "", ""), wcag: tuple[str, ...] = ("3.1.5",),
            impact: str = "minor") -> None:
    """Register the rule `code`: advisory (plain language is WCAG 3.1.5, level AAA: never an A/AA failure).
    `titles` are the short titles in English, Finnish and Swedish."""

    def func(art: PageArtifacts) -> Iterator[Hit]:
        return hits(art, code, lang)

    func.__doc__ = doc
    func.__name__ = func.__qualname__ = "rule_" + code.replace("-", "_").lower()
    rule(code, area="language", requires=("dom",), impact=impact, outcome="fail", wcag=wcag, advisory=True,
         help_en=" ".join(doc.split()), help_fi=help_fi, help_sv=help_sv, title_en=titles[0], title_fi=titles[1],
         title_sv=titles[2])(func)


@page_metric("plain_language", area="language")
def plain_language_metrics(art: PageArtifacts) -> dict | None:
    """Per page: the plain-language score, band and metrics of each language (auditor/text/score.py)."""
    a = analysis.for_artifacts(art)
    return a.metrics_json() if a is not None else None
