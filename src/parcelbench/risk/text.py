"""Folding and term matching for rule conditions on free text.

Why matching runs on a normalised copy with a position map: senders disguise words. A zero-width
space or a soft hyphen inside "fen\u200btanyl", a Cyrillic "е" for the Latin one, full-width or
mathematical letters all read as "fentanyl" to a person and as something else to a naive
matcher. `match_text` therefore builds the text the rules search: compatibility-normalised
(NFKC's decompositions), lower case, accents and other combining marks dropped, invisible
format characters (Unicode category Cf: ZWSP, ZWJ, ZWNJ, soft hyphen, BOM, direction controls)
removed, look-alike letters of other scripts folded to the Latin letter they pass for
(`confusables.LOOKALIKES`), digits of any script as ASCII digits, punctuation and symbols as a
space. That copy is not as long as the original (removed characters, "ﬁ" → "fi"), so it carries
`starts`, the original position of each of its characters, and `MatchText.excerpt` turns a match
back into the exact text the sender wrote: every flag shows the original, never the skeleton.

It is built one character at a time, from a table filled on first sight of each character. That
is NFKC for every character that does not combine with its neighbours; combining marks, which
NFKC would compose with the letter before them, are dropped instead (they are accents for
matching), so the result is the same and no text is normalised as a whole. Text that is all
ASCII — nearly all AED — maps one to one: one `str.translate` and no map at all.

`fold` is the older, length-preserving fold (each character to exactly one: removed ones become a
space, an expansion keeps its first letter), for callers that need the same offsets.

Why terms compile to one trie-shaped regex per set: a rule may list a hundred synonyms; a trie
(common prefixes factored) lets `re` reject a position after one or two characters instead of
trying every synonym in turn, which keeps an assessment well under a millisecond.

Matching is case-, accent-, punctuation- and spacing-insensitive and on whole words: "4-AP",
"4 AP", "4AP" and "4-ap" all match the term "4-AP"; "tdp" does not match inside "stdp". A simple
plural ("-s", "-es") of a term matches too. Terms written in CJK scripts, which do not separate
words with spaces, match anywhere. Terms are folded like the text, so they meet on the same
skeleton.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple, TypeVar

from parcelbench.risk.confusables import LOOKALIKES

__all__ = [
    "MatchText",
    "TermSet",
    "cas_check_digit_ok",
    "find_cas_numbers",
    "fold",
    "match_text",
    "term_tokens",
    "tokens",
]


_DROPPED = frozenset({"Cf", "Mn", "Me"})  # format characters, combining marks
#: Hangul fillers: letters by category, but they render as nothing (default-ignorable).
_INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")


def _letter(part: str) -> str:
    """One letter or digit, as matched: its Latin look-alike, lower case, ASCII digits."""
    part = LOOKALIKES.get(part, part)
    digit = unicodedata.decimal(part, None)
    if digit is not None:
        return str(digit)
    lower = part.lower()
    if len(lower) > 1:  # "İ" → "i" + combining dot above
        lower = "".join(c for c in lower if unicodedata.category(c) not in _DROPPED)
    return lower


def _piece(ch: str) -> str:
    """What one character becomes in the text the rules search (possibly nothing)."""
    if ch in _INVISIBLE_LETTERS or unicodedata.category(ch) in _DROPPED:
        return ""
    out = []
    for part in unicodedata.normalize("NFKD", ch):
        if unicodedata.category(part) in _DROPPED:
            continue
        out.append(_letter(part) if part.isalnum() else " ")
    return "".join(out) or " "


class _MatchTable(dict[int, str]):
    """`str.translate` table of `_piece`, filled on first sight of each character.

    `irregular` collects the characters that do not map to exactly one character: only text
    holding one of them needs a position map.
    """

    def __init__(self) -> None:
        super().__init__()
        self.irregular: set[str] = set()
        for code in range(128):
            ch = chr(code)
            self[code] = ch.lower() if ch.isalnum() else " "

    def __missing__(self, code: int) -> str:
        out = _piece(chr(code))
        if len(out) != 1:
            self.irregular.add(chr(code))
        self[code] = out
        return out


class _FoldTable(dict[int, str]):
    """The length-preserving variant of `_MatchTable`: exactly one character per character."""

    def __missing__(self, code: int) -> str:
        piece = _MATCH[code]
        out = piece[0] if piece else " "
        self[code] = out
        return out


_MATCH = _MatchTable()
_FOLD = _FoldTable()


class MatchText(NamedTuple):
    """A text as written and as the rules search it, with the way back from one to the other."""

    original: str
    folded: str
    starts: tuple[int, ...] | None  # original index of each folded character; None: the same

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the folded span [start, end)."""
        starts = self.starts
        if starts is None:
            return start, end
        if end <= start:
            at = starts[start] if start < len(starts) else len(self.original)
            return at, at
        return starts[start], starts[end - 1] + 1

    def excerpt(self, start: int, end: int) -> str:
        """The original text of the folded span [start, end): what the sender wrote."""
        s, e = self.span(start, end)
        return self.original[s:e]


#: Builds a MatchText without NamedTuple's Python-level `__new__` (a third of the cost of
#: folding a short description; every text of every assessment goes through here).
_new_match_text = tuple.__new__


def match_folded(text: str) -> str:
    """`match_text(text).folded` alone, without the position map."""
    return text.translate(_MATCH)


def match_text(text: str) -> MatchText:
    """`text` folded for matching (see the module's docstring), with its position map."""
    folded = text.translate(_MATCH)
    if len(folded) == len(text) and (text.isascii() or _MATCH.irregular.isdisjoint(text)):
        return _new_match_text(MatchText, (text, folded, None))
    starts: list[int] = []
    for i, ch in enumerate(text):
        n = len(_MATCH[ord(ch)])
        if n == 1:
            starts.append(i)
        elif n:
            starts.extend([i] * n)
    return _new_match_text(MatchText, (text, folded, tuple(starts)))


#: Distinct arguments whose results each `per_text` function keeps.
TEXT_MEMO = 8192

_Result = TypeVar("_Result")


def per_text(fn: Callable[..., _Result]) -> Callable[..., _Result]:
    """`fn` — a pure function of a folded text (and codes such as an HS code) — with its
    results for the last few thousand distinct arguments kept.

    Why: parcels repeat their descriptions (a shipper's product line, a marketplace's stock
    phrases), so a re-score of a million parcels meets the same texts again and again and a
    text rule need not search one twice; a text met once costs one look-up more. Results must
    be immutable (they are shared between parcels).
    """
    return lru_cache(maxsize=TEXT_MEMO)(fn)


def fold(text: str) -> str:
    """Lower-case, accent-free text with punctuation as spaces; always as long as `text`."""
    return text.translate(_FOLD)


def tokens(text: str) -> list[str]:
    """The words of `text` after folding for matching."""
    return match_text(text).folded.split()


def term_tokens(term: str) -> tuple[str, ...]:
    """A term as the folded words it matches ("4-(Phenylamino)" → ("4", "phenylamino"))."""
    return tuple(match_text(term).folded.split())


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return (
        0x2E80 <= code <= 0x9FFF  # CJK radicals, kana, unified ideographs
        or 0xAC00 <= code <= 0xD7AF  # Hangul syllables
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FA1F
    )


def _trie_pattern(words: Iterable[str]) -> str:
    """One regex alternation for `words` with common prefixes factored out (space → ' *')."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _node(trie)


def _node(node: dict[str, dict]) -> str:
    ends = "" in node
    alternatives = []
    for ch in sorted(k for k in node if k):
        piece = " *" if ch == " " else re.escape(ch)
        alternatives.append(piece + _node(node[ch]))
    if not alternatives:
        return ""
    if len(alternatives) == 1 and not ends:
        return alternatives[0]
    body = "(?:" + "|".join(alternatives) + ")"
    return body + "?" if ends else body


@dataclass(frozen=True, slots=True)
class TermSet:
    """A compiled set of terms, searched in folded text; spans index the original text too."""

    terms: tuple[str, ...]
    pattern: re.Pattern[str] | None

    @classmethod
    def compile(cls, terms: Iterable[str], *, plurals: bool = True) -> TermSet:
        """Compile `terms` (as written in a rule pack) into one regex."""
        words: set[str] = set()
        cjk: set[str] = set()
        kept: list[str] = []
        for term in terms:
            folded = " ".join(term_tokens(term))
            if not folded:
                continue
            kept.append(term)
            (cjk if any(_is_cjk(c) for c in folded) else words).add(folded)
        parts = []
        if words:
            suffix = "(?:e?s)?" if plurals else ""
            parts.append(rf"(?<!\w)(?:{_trie_pattern(sorted(words))}){suffix}(?!\w)")
        if cjk:
            parts.append(_trie_pattern(sorted(cjk)))
        pattern = re.compile("|".join(parts)) if parts else None
        return cls(tuple(kept), pattern)

    def __bool__(self) -> bool:
        return self.pattern is not None

    def search(self, folded: str) -> tuple[int, int] | None:
        """The first match in `folded`, as (start, end), or None."""
        if self.pattern is None:
            return None
        m = self.pattern.search(folded)
        return None if m is None else m.span()

    def spans(self, folded: str) -> Iterator[tuple[int, int]]:
        """Every non-overlapping match in `folded`, left to right."""
        if self.pattern is not None:
            for m in self.pattern.finditer(folded):
                yield m.span()


# CAS registry numbers: 2–7 digits, 2 digits, 1 check digit, written with hyphens.
_CAS = re.compile(r"(?<![\w\-‐‑–])(\d{2,7})[\-‐‑–] ?(\d{2})[\-‐‑–] ?(\d)(?![\w\-‐‑–])")


def cas_check_digit_ok(number: str) -> bool:
    """True if the last digit of a CAS number (digits only) is its check digit.

    The check digit is the sum of the other digits, each times its position counted from the
    right, modulo 10. Checking it keeps part numbers and dates from passing as chemicals.
    """
    body, check = number[:-1], number[-1]
    total = sum(int(d) * i for i, d in enumerate(reversed(body), start=1))
    return total % 10 == int(check)


def find_cas_numbers(text: str) -> Iterator[tuple[int, int, str]]:
    """CAS numbers with a valid check digit in `text`: (start, end, digits-with-hyphens)."""
    if "-" not in text and "‐" not in text and "‑" not in text and "–" not in text:
        return
    for m in _CAS.finditer(text):
        digits = m.group(1) + m.group(2) + m.group(3)
        if cas_check_digit_ok(digits):
            yield m.start(), m.end(), f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
