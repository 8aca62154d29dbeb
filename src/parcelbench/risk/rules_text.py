"""Rules on free text: keywords and synonyms, CAS numbers, vague descriptions, HS mismatches.

Why here and compiled once: these rules carry most of a pack's words (hundreds of synonyms), so
each rule's lists are compiled into one trie regex when the engine is built; an assessment then
runs one regex search per rule and text field.
"""

from __future__ import annotations

import re

from parcelbench.risk.pack import CasNumber, HsMismatch, Keywords, RulePack, VagueDescription
from parcelbench.risk.rules_base import Context, Hit
from parcelbench.risk.text import TermSet, find_cas_numbers, term_tokens

__all__ = ["CasCheck", "HsMismatchCheck", "KeywordCheck", "VagueCheck"]


def _regex(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


class KeywordCheck:
    """Strong keywords fire alone; weak ones need context in the same field; exclude vetoes."""

    needs_item = True

    def __init__(self, cond: Keywords, pack: RulePack) -> None:
        self.fields = cond.fields
        self.strong = TermSet.compile(cond.keywords)
        self.weak = TermSet.compile(cond.weak_keywords)
        self.context = TermSet.compile(cond.context)
        self.context_re = _regex(cond.context_patterns)
        self.patterns = _regex(cond.patterns)
        self.exclude = TermSet.compile(cond.exclude)
        self.exclude_re = _regex(cond.exclude_patterns)
        # One search over everything that can start a hit, so most texts cost a single search.
        self.any = TermSet.compile(cond.keywords + cond.weak_keywords)

    def _has_context(self, folded: str, start: int, end: int) -> bool:
        for s, e in self.context.spans(folded):
            if e <= start or s >= end:
                return True
        if self.context_re is not None:
            for m in self.context_re.finditer(folded):
                if m.end() <= start or m.start() >= end:
                    return True
        return False

    def _excluded(self, folded: str) -> bool:
        return self.exclude.search(folded) is not None or (
            self.exclude_re is not None and self.exclude_re.search(folded) is not None
        )

    def check(self, ctx: Context) -> list[Hit]:
        hits: list[Hit] = []
        for spec in self.fields:
            for field, text in ctx.texts(spec):
                folded = text.folded
                if self.any.search(folded) is None and (
                    self.patterns is None or self.patterns.search(folded) is None
                ):
                    continue
                spans = list(self.strong.spans(folded))
                if self.patterns is not None:
                    spans.extend(m.span() for m in self.patterns.finditer(folded) if m.end() > 0)
                for s, e in self.weak.spans(folded):
                    if self._has_context(folded, s, e):
                        spans.append((s, e))
                if not spans or self._excluded(folded):
                    continue
                seen: set[str] = set()
                for s, e in sorted(spans):
                    key = " ".join(folded[s:e].split())
                    if key not in seen:
                        seen.add(key)
                        hits.append(Hit(field, text.excerpt(s, e)))
        return hits


class CasCheck:
    """Any CAS registry number: chemicals named by number are how precursors travel."""

    needs_item = True

    def __init__(self, cond: CasNumber, pack: RulePack) -> None:
        self.fields = cond.fields
        self.ignore = frozenset(cond.ignore)

    def check(self, ctx: Context) -> list[Hit]:
        hits: list[Hit] = []
        for spec in self.fields:
            for field, text in ctx.texts(spec):
                original = text.original
                for s, e, number in find_cas_numbers(original):
                    if number not in self.ignore:
                        hits.append(Hit(field, original[s:e], f"CAS {number}"))
        return hits


_QUANTITY = re.compile(r"(?:\d+(?:x|pc|pcs|pieces?|units?|pairs?|sets?)?|x\d*)")


class VagueCheck:
    """A description made only of vague words ("gift", "spare parts"), filler and quantities.

    "LEGO set parts" is not vague — "lego" is specific — while "Parts", "2 x gift" and
    "used things" are. A description with nothing but filler ("New", "-") is vague too.
    """

    needs_item = True

    def __init__(self, cond: VagueDescription, pack: RulePack) -> None:
        self.phrases = frozenset(term_tokens(d) for d in cond.descriptions)
        self.longest = max(len(p) for p in self.phrases)
        self.filler = frozenset(t for f in cond.filler for t in term_tokens(f))

    def is_vague(self, folded: str) -> bool:
        words = [w for w in folded.split() if w not in self.filler and not _QUANTITY.fullmatch(w)]
        n = len(words)
        covered = [True] + [False] * n  # covered[i]: words[:i] splits into vague phrases
        for i in range(n):
            if covered[i]:
                for k in range(1, min(self.longest, n - i) + 1):
                    if tuple(words[i : i + k]) in self.phrases:
                        covered[i + k] = True
        return covered[n]

    def check(self, ctx: Context) -> list[Hit]:
        return [
            Hit(field, text.original.strip())
            for field, text in ctx.texts("contents.description")
            if self.is_vague(text.folded)
        ]


class HsMismatchCheck:
    """The description says one kind of goods, the HS code another chapter."""

    needs_item = True

    def __init__(self, cond: HsMismatch, pack: RulePack) -> None:
        self.groups = [
            (TermSet.compile(g.keywords), TermSet.compile(g.exclude), g.hs_prefixes)
            for g in cond.groups
        ]

    def check(self, ctx: Context) -> list[Hit]:
        item = ctx.item
        assert item is not None
        hits: list[Hit] = []
        for i, piece in enumerate(item.contents):
            hs = piece.hs_code
            if not hs:
                continue
            text = ctx.description(i)
            folded = text.folded
            for keywords, exclude, prefixes in self.groups:
                span = keywords.search(folded)
                if span is None or exclude.search(folded) is not None:
                    continue
                if not hs.startswith(prefixes):
                    said = text.excerpt(*span)
                    expected = ", ".join(prefixes)
                    hits.append(
                        Hit(
                            f"contents[{i}].hs_code",
                            hs,
                            f"described as “{said}”, which belongs under HS {expected}",
                        )
                    )
                break
        return hits
