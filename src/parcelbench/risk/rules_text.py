"""Rules on free text: keywords and synonyms, CAS numbers, vague descriptions, HS mismatches.

Why here and compiled once: these rules carry most of a pack's words (hundreds of synonyms), so
each rule's lists are compiled into one trie regex when the engine is built; an assessment then
runs one regex search per rule and text field.
"""

from __future__ import annotations

import re

from parcelbench.domain.aed import AedItem
from parcelbench.risk.pack import (
    CasNumber,
    Combination,
    HsMismatch,
    Keywords,
    RulePack,
    VagueDescription,
)
from parcelbench.risk.rules_base import Context, Hit
from parcelbench.risk.text import TermSet, find_cas_numbers, per_text, term_tokens

__all__ = [
    "CasCheck",
    "CombinationCheck",
    "HsMismatchCheck",
    "KeywordCheck",
    "VagueCheck",
    "item_usd",
    "share_keyword_gate",
]


def item_usd(item: AedItem, rates: dict[str, float]) -> float | None:
    """The item's declared value in USD (total, else the sum of the pieces), or None."""
    try:
        if item.total_value is not None:
            rate = rates.get(item.currency or "USD")
            return None if rate is None else float(item.total_value) * rate
        total = 0.0
        for piece in item.contents:
            if piece.value is None:
                return None
            rate = rates.get(piece.currency or item.currency or "USD")
            if rate is None:
                return None
            total += float(piece.value) * rate
        return total
    except ValueError:
        return None


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
        self.categories = frozenset(cond.categories)
        self.min_usd = cond.min_value_usd
        self.rates = pack.usd_per_unit
        # Set by the engine (`share_keyword_gate`): one search for every keyword rule's words.
        self.gate: TermSet | None = None

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
        if self.categories or self.min_usd is not None:
            item = ctx.item
            assert item is not None
            if self.categories and item.category not in self.categories:
                return []
            if self.min_usd is not None:
                usd = item_usd(item, self.rates)
                if usd is None or usd < self.min_usd:
                    return []
        hits: list[Hit] = []
        for spec in self.fields:
            for field, text in ctx.texts(spec):
                folded = text.folded
                if self.gate is not None and not ctx.gate_open(text, self.gate):
                    continue
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


def share_keyword_gate(checkers: list[object]) -> None:
    """Give every keyword rule without regex patterns one shared gate: all their words at once.

    Why: a pack holds dozens of keyword rules and nearly every description matches none of
    them. One search of the union of their words (strong and weak, compiled like each rule's
    own) per text, remembered by the assessment's context, lets every rule skip a text that
    holds none of its words without searching it; a text that does hold one is searched by
    each rule as before, so what fires is unchanged. Rules with `patterns` are not gated: a
    regex is not a word list.
    """
    gated = [c for c in checkers if isinstance(c, KeywordCheck) and c.patterns is None]
    if not gated:
        return
    gate = TermSet.compile(t for c in gated for t in (*c.strong.terms, *c.weak.terms))
    for checker in gated:
        checker.gate = gate


class CasCheck:
    """Any CAS registry number: chemicals named by number are how precursors travel."""

    needs_item = True

    def __init__(self, cond: CasNumber, pack: RulePack) -> None:
        self.fields = cond.fields
        self.ignore = frozenset(cond.ignore)

    def check(self, ctx: Context) -> list[Hit]:
        hits: list[Hit] = []
        for spec in self.fields:
            for field, original in ctx.values(spec):  # numbers are read as written, unfolded
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
        self.vocabulary = frozenset(w for phrase in self.phrases for w in phrase) | self.filler
        self.is_vague = per_text(self._is_vague)

    def _is_vague(self, folded: str) -> bool:
        words = []
        for w in folded.split():
            if w in self.filler or _QUANTITY.fullmatch(w):
                continue
            if w not in self.vocabulary:
                return False  # a word no vague phrase holds: specific ("lego"), decided here
            words.append(w)
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
        # One search over every group's words first: most descriptions name none of them.
        self.any = TermSet.compile(k for g in cond.groups for k in g.keywords)
        self.kind_of = per_text(self._kind_of)

    def _kind_of(self, folded: str) -> tuple[tuple[int, int], tuple[str, ...]] | None:
        """The first group the description names: (span of its word, its HS prefixes)."""
        if self.any.search(folded) is None:
            return None
        for keywords, exclude, prefixes in self.groups:
            span = keywords.search(folded)
            if span is not None and exclude.search(folded) is None:
                return span, prefixes
        return None

    def check(self, ctx: Context) -> list[Hit]:
        item = ctx.item
        assert item is not None
        hits: list[Hit] = []
        for i, piece in enumerate(item.contents):
            hs = piece.hs_code
            if not hs:
                continue
            text = ctx.description(i)
            kind = self.kind_of(text.folded)
            if kind is None:
                continue
            span, prefixes = kind
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
        return hits


class CombinationCheck:
    """Each group found in some content piece of the parcel: a kit, not one innocent item.

    One search per group and piece; a group's `exclude` vetoes that group in that piece only
    ("coffee capsules" is not an empty capsule, but the scale next to it still counts).
    """

    needs_item = True

    def __init__(self, cond: Combination, pack: RulePack) -> None:
        self.groups = [
            (TermSet.compile(g.keywords), _regex(g.patterns), TermSet.compile(g.exclude))
            for g in cond.groups
        ]
        self.spans = per_text(self._spans)
        self.opens = per_text(self._opens)

    @staticmethod
    def _span(
        group: tuple[TermSet, re.Pattern[str] | None, TermSet], folded: str
    ) -> tuple[int, int] | None:
        words, patterns, exclude = group
        span = words.search(folded)
        if span is None and patterns is not None:
            m = patterns.search(folded)
            span = m.span() if m is not None else None
        return span if span is not None and exclude.search(folded) is None else None

    def _opens(self, folded: str) -> bool:
        """Whether the first group is found in one description (most parcels: not)."""
        return self._span(self.groups[0], folded) is not None

    def _spans(self, folded: str) -> tuple[tuple[int, int] | None, ...]:
        """Where each group is found in one description (None: not there, or vetoed)."""
        return tuple(self._span(group, folded) for group in self.groups)

    def check(self, ctx: Context) -> list[Hit]:
        texts = ctx.texts("contents.description")
        if not any(self.opens(text.folded) for _, text in texts):
            return []  # the first group is in no piece: no kit, whatever the others hold
        found_in = [self.spans(text.folded) for _, text in texts]
        found: list[tuple[str, str]] = []
        for g in range(len(self.groups)):
            hit = None
            for (field, text), spans in zip(texts, found_in, strict=True):
                span = spans[g]
                if span is not None:
                    hit = (field, text.excerpt(*span))
                    break
            if hit is None:
                return []
            found.append(hit)
        together = " + ".join(f"“{matched}”" for _, matched in found)
        return [Hit(found[0][0], found[0][1], f"in one parcel: {together}")]
