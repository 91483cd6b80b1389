"""Words and sentences of Finnish, Swedish and English text.

A sentence ends at `.`, `!`, `?` or `…` followed by space and a capital letter, a digit or a quote, or at the end
of the text, except:

* after an abbreviation that does not end sentences ("esim. Helsinki", "mm. Kela", "ns. Pohjoismainen malli",
  "t.ex. Stockholm", "e.g. London"). List-closing abbreviations ("jne.", "yms.", "osv.", "etc.") end a sentence
  when a capital follows;
* after an ordinal number or date ("3. luokka", "1.1.2025 alkaen": the dot is part of the number) when a lower-case
  word follows; a capital after a number ends the sentence ("vuonna 2024. Seuraava");
* after a single capital letter (an initial: "J. K. Paasikivi").

A line break ends a sentence when the line is a list item (starts with -, *, •, a number and `.` or `)`), or
when the text is given line by line (`split_lines`), as in the corpus.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations written with a dot. Finnish from Kotus' list of common abbreviations (Kielitoimiston ohjepankki,
# "Lyhenteet"), Swedish from Språkrådet's Svenska skrivregler, English from common style guides.
ABBREV_FI = frozenset("""
esim mm ns jne yms ym ks vrt ts em ko ao eli nk n ml mrd milj tms tmv ymv s huom kts puh p os ns os
tark kpl klo jms ed yl alk ma ti ke to pe la su tammik helmik maalisk huhtik toukok kesäk heinäk elok syysk
lokak marrask jouluk vs v vv prof tri dos rva nti hra lk nro n:o art mom kohd ed
""".split())
ABBREV_SV = frozenset("""
t.ex bl.a d.v.s dvs s.k osv m.m m.fl o.s.v p.g.a pga ca kl nr t.o.m fr.o.m jfr resp st tel s f.d s.a.s ang
""".split())
ABBREV_EN = frozenset("""
e.g i.e etc vs mr mrs ms dr prof st no approx dept fig inc ltd jr sr cf al
""".split())
ABBREVIATIONS = ABBREV_FI | ABBREV_SV | ABBREV_EN
# Abbreviations that close a list and so often end a sentence.
FINAL_ABBREV = frozenset({"jne", "yms", "ym", "tms", "tmv", "ymv", "jms", "osv", "o.s.v", "etc", "m.m", "m.fl"})

# A word: letters with inner hyphens, apostrophes or a colon before a case ending ("EU:n"), or a number with
# its separators ("1 234,50", "12.3.2024", "10–12"); abbreviations keep their dots ("t.ex.", "esim.").
_WORD = r"(?:[^\W\d_]+(?:[-'’:][^\W\d_]+)*-?)"
_NUM = r"(?:\d+(?:[.,:]\d+)*(?:[–-]\d+)?\.?)"
_ABBR = r"(?:(?:[^\W\d_]{1,4}\.){2,}|[^\W\d_]{1,8}\.)"
_DOTTED_ABBR = re.compile(r"^[^\W\d_]{1,4}(?:\.[^\W\d_]{1,4})+\.?$")
_URL = r"(?:https?://|www\.)[^\s)\]>\"']+[^\s)\]>\"'.,;:!?]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
TOKEN_RE = re.compile(rf"{_URL}|{_NUM}|{_ABBR}|{_WORD}|[^\s\w]", re.UNICODE)
WORD_RE = re.compile(r"[^\W_]", re.UNICODE)
_LIST_ITEM = re.compile(r"^\s*(?:[-*•–·▪◦]|\d{1,3}[.)]|[a-z][.)])\s+")


def is_word(tok: str) -> bool:
    """A token that counts as a word in the metrics (not punctuation)."""
    return bool(WORD_RE.match(tok))


def _split_abbrev(tok: str) -> list[str]:
    """`esim.` stays one token when it is an abbreviation; otherwise the word and its dot are two."""
    base = tok[:-1].lower()
    if base in ABBREVIATIONS or ("." in base) or (len(base) == 1 and tok[0].isupper()):
        return [tok]
    return [tok[:-1], "."]


def tokens(text: str) -> list[str]:
    out: list[str] = []
    for m in TOKEN_RE.finditer(text):
        tok = m.group(0)
        if tok.endswith(".") and len(tok) > 1 and not tok[0].isdigit():
            out.extend(_split_abbrev(tok))
        else:
            out.append(tok)
    return out


@dataclass(frozen=True)
class Sentence:
    text: str
    tokens: tuple[str, ...]
    start: int  # character offsets in the block's text
    end: int

    @property
    def words(self) -> list[str]:
        return [t for t in self.tokens if is_word(t)]


_CAND = re.compile(r"([.!?…]+)([\"”’»)]*)(\s+)(?=[\"“”«(]?[A-ZÅÄÖÜ0-9])|([.!?…]+)([\"”’»)]*)\s*$")


def _breaks_after(text: str, dot_pos: int) -> bool:
    """Should the sentence end at the punctuation starting at dot_pos?"""
    if text[dot_pos] != ".":
        return True
    m = re.search(r"(\S+)$", text[:dot_pos])
    if not m:
        return True
    prev = m.group(1)
    low = prev.lower().rstrip(".")
    nxt = text[dot_pos + 1:].lstrip("\"”’») \t\n")
    if low in FINAL_ABBREV:
        return bool(nxt[:1].isupper()) or not nxt
    if low in ABBREVIATIONS or _DOTTED_ABBR.match(prev):
        return not nxt
    if len(prev) == 1 and prev.isupper():  # an initial
        return not nxt
    return True


def split_sentences(text: str, split_lines: bool = False) -> list[Sentence]:
    """Sentences of one block of text, with their offsets in it."""
    out: list[Sentence] = []
    seg_start: int | None = None
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if not line.strip():
            if seg_start is not None:
                out.extend(_split_segment(text[seg_start:start - 1], seg_start))
                seg_start = None
            continue
        item = _LIST_ITEM.match(line)
        if split_lines or item:
            if seg_start is not None:
                out.extend(_split_segment(text[seg_start:start - 1], seg_start))
                seg_start = None
            skip = item.end() if item else 0
            out.extend(_split_segment(line[skip:], start + skip))
        elif seg_start is None:
            seg_start = start
    if seg_start is not None:
        out.extend(_split_segment(text[seg_start:], seg_start))
    return out


def _split_segment(seg: str, offset: int) -> list[Sentence]:
    out = []
    start = 0
    for m in _CAND.finditer(seg):
        punct_start = m.start(1) if m.group(1) else m.start(4)
        end = m.end(2) if m.group(1) else m.end(5)
        if m.group(1) and not _breaks_after(seg, punct_start):
            continue
        if m.group(1) and _is_ordinal(seg, punct_start):
            continue
        _add(out, seg, start, end, offset)
        start = m.end(0)
    _add(out, seg, start, len(seg), offset)
    return out


def _is_ordinal(seg: str, dot_pos: int) -> bool:
    """A number's dot ("3. luokka") when a lower-case word follows; a capital after it is a new sentence."""
    prev = seg[:dot_pos]
    nxt = seg[dot_pos + 1:].lstrip()
    return bool(re.search(r"\d$", prev)) and bool(nxt[:1].islower())


def _add(out: list[Sentence], seg: str, a: int, b: int, offset: int) -> None:
    raw = seg[a:b]
    stripped = raw.strip()
    if not stripped:
        return
    lead = len(raw) - len(raw.lstrip())
    s = offset + a + lead
    toks = tuple(tokens(stripped))
    if not any(is_word(t) for t in toks):
        return
    out.append(Sentence(text=stripped, tokens=toks, start=s, end=s + len(stripped)))
