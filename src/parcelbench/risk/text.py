"""Folding and term matching for rule conditions on free text.

Why a length-preserving fold: every flag must show the officer the exact text the sender wrote.
`fold` maps each character to exactly one character (lower case, accents stripped, punctuation and
symbols to a space), so a match found in the folded text has the same offsets in the original and
`original[start:end]` is the matched text — no position map to build or get wrong.

Why terms compile to one trie-shaped regex per set: a rule may list a hundred synonyms; a trie
(common prefixes factored) lets `re` reject a position after one or two characters instead of
trying every synonym in turn, which keeps an assessment well under a millisecond.

Matching is case-, accent-, punctuation- and spacing-insensitive and on whole words: "4-AP",
"4 AP", "4AP" and "4-ap" all match the term "4-AP"; "tdp" does not match inside "stdp". A simple
plural ("-s", "-es") of a term matches too. Terms written in CJK scripts, which do not separate
words with spaces, match anywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

__all__ = [
    "TermSet",
    "cas_check_digit_ok",
    "find_cas_numbers",
    "fold",
    "term_tokens",
    "tokens",
]


class _FoldTable(dict[int, str]):
    """`str.translate` table filled on first sight of each character (a few hundred in use)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        out = " "
        if ch.isalnum():
            base = unicodedata.normalize("NFKD", ch)
            for part in base:
                if part.isalnum():
                    ch = part
                    break
            lower = ch.lower()
            out = lower if len(lower) == 1 else lower[0]
        self[code] = out
        return out


_FOLD = _FoldTable()
for _code in range(128):
    _ch = chr(_code)
    _FOLD[_code] = _ch.lower() if _ch.isalnum() else " "


def fold(text: str) -> str:
    """Lower-case, accent-free text with punctuation as spaces; always as long as `text`."""
    return text.translate(_FOLD)


def tokens(text: str) -> list[str]:
    """The words of `text` after folding."""
    return fold(text).split()


def term_tokens(term: str) -> tuple[str, ...]:
    """A term as the folded words it matches ("4-(Phenylamino)" → ("4", "phenylamino"))."""
    return tuple(fold(term).split())


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
