"""Data shared by the language analysers: what one sentence and one language of a page come to."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Issue:
    """Something that makes one sentence hard, with a concrete suggestion, under a rule code (PL-FI-1 ...)."""

    code: str
    message: str  # what and how to fix, in the language of the text
    evidence: tuple[str, ...] = ()  # the words or phrases concerned


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

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "block": self.block, "start": self.start, "end": self.end, "words": self.words,
                "scored": self.scored, "features": self.features,
                "issues": [{"code": i.code, "message": i.message, "evidence": list(i.evidence)}
                           for i in self.issues]}


def join_evidence(words: list[str] | tuple[str, ...], limit: int = 4) -> str:
    """'a', 'b' ja 2 muuta -style lists are language specific; this gives the quoted words only."""
    shown = list(dict.fromkeys(words))[:limit]
    return ", ".join(f"’{w}’" for w in shown)
