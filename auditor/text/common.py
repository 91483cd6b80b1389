"""Data shared by the language analysers: what one sentence and one language of a page come to."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Issue:
    """Something that makes one sentence hard, with a concrete suggestion, under a rule code (PL-FI-1 ...)."""

    code: str
    # What and how to fix: a `Msg` (English value, .fi and .sv) or a plain string; `text(lang)` picks one.
    message: str
    evidence: tuple[str, ...] = ()  # the words or phrases concerned
    suggestion: str = ""  # a rewrite built from the sentence's own words, when one is safe

    def text(self, lang: str) -> str:
        get = getattr(self.message, "get", None)
        return get(lang) if get else str(self.message)

    def to_json(self, lang: str) -> dict[str, Any]:
        d: dict[str, Any] = {"code": self.code, "message": self.text(lang), "evidence": list(self.evidence)}
        as_dict = getattr(self.message, "as_dict", None)
        if as_dict:
            d["messages"] = as_dict()
        if self.suggestion:
            d["suggestion"] = self.suggestion
        return d


@dataclass
class SentenceResult:
    text: str
    block: int  # index of the block in the page's block list
    start: int  # offsets in the block's text
    end: int
    words: int
    issues: list[Issue] = field(default_factory=list)
    features: dict[str, Any] = field(default_factory=dict)
    word_forms: tuple[str, ...] = ()  # for page-level counts (OVIX); not serialised
    scored: bool = True  # counts in the page's metrics and score (headings do not: they are not running text)

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        """`lang` is the language of the text: each issue's message is given in it (all three under messages)."""
        return {"text": self.text, "block": self.block, "start": self.start, "end": self.end, "words": self.words,
                "scored": self.scored, "features": self.features,
                "issues": [i.to_json(lang) for i in self.issues]}


def join_evidence(words: list[str] | tuple[str, ...], limit: int = 4) -> str:
    """'a', 'b' ja 2 muuta -style lists are language specific; this gives the quoted words only."""
    shown = list(dict.fromkeys(words))[:limit]
    return ", ".join(f"’{w}’" for w in shown)
