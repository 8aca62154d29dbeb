"""The risk engine: a rule pack compiled once, then one explained assessment per parcel.

Why the scoring works this way:

* Every hit is a `Flag` with the rule, field, the exact text and the rationale, so the level is
  never a black box. A rule counts once per parcel: its first hit carries the rule's score and
  further hits of the same rule are listed with score 0, so the flags add up to the score
  (the score is never below 0).
* The level follows the pack's thresholds (`examine`, `hold`). A critical indicator puts the
  parcel on hold whatever the score; a known shipper can lower that, but never below `examine`.
* Flags are ordered by severity, then by the rule's place in the pack, then by field, so the
  same input always gives the same output.
* `random_exam`: a fixed share (the pack's `random_exam_rate`) of `clear` parcels is picked for
  an untargeted exam, independent of the rules, so non-compliance baselines can be measured.
  The draw is not made here: anything computed from the pack and the id alone could be
  computed by anyone holding the pack, who would then know which parcels are never picked.
  The bench draws from its own secret at scan time (`domain.random_draw`) and passes the
  number in; without one, no parcel is picked.

Pure Python: no Qt, no SQL; the past comes in through the `RiskHistory` protocol.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from parcelbench.domain.aed import AedItem
from parcelbench.domain.risk import Assessment, Flag, Level, Severity
from parcelbench.risk import pack as p
from parcelbench.risk.history import NO_HISTORY, RiskHistory
from parcelbench.risk.pack import PackError, Rule, RulePack, default_pack, load_pack
from parcelbench.risk.rules_base import Checker, Context, Hit, field_reader
from parcelbench.risk.rules_data import (
    CheckDigitCheck,
    LateAedCheck,
    MissingAedCheck,
    MissingFieldsCheck,
)
from parcelbench.risk.rules_deceptive import DeceptiveTextCheck
from parcelbench.risk.rules_goods import (
    CategoryCheck,
    CountryCheck,
    HsPrefixCheck,
    SanctionedOriginCheck,
    ValuePerKgCheck,
    ValuePerPieceCheck,
    WeightCheck,
    ZeroValueCheck,
)
from parcelbench.risk.rules_history import (
    CommercialDropCheck,
    KnownShipperCheck,
    SeizureLinkCheck,
    VolumeCheck,
    WatchlistCheck,
)
from parcelbench.risk.rules_text import (
    CasCheck,
    CombinationCheck,
    HsMismatchCheck,
    KeywordCheck,
    VagueCheck,
    share_keyword_gate,
)
from parcelbench.risk.text import match_folded

__all__ = ["PackError", "RiskEngine", "RulePack", "default_pack", "load_pack"]

_CHECKERS: dict[type, Callable[[Any, RulePack], Checker]] = {
    p.Keywords: KeywordCheck,
    p.CasNumber: CasCheck,
    p.DeceptiveText: DeceptiveTextCheck,
    p.VagueDescription: VagueCheck,
    p.HsMismatch: HsMismatchCheck,
    p.HsPrefix: HsPrefixCheck,
    p.Country: CountryCheck,
    p.Category: CategoryCheck,
    p.ValuePerPiece: ValuePerPieceCheck,
    p.ValuePerKg: ValuePerKgCheck,
    p.WeightMismatch: WeightCheck,
    p.ZeroValue: ZeroValueCheck,
    p.MissingAed: MissingAedCheck,
    p.LateAed: LateAedCheck,
    p.MissingFields: MissingFieldsCheck,
    p.CheckDigit: CheckDigitCheck,
    p.Watchlist: WatchlistCheck,
    p.SeizureLink: SeizureLinkCheck,
    p.Volume: VolumeCheck,
    p.KnownShipper: KnownShipperCheck,
    p.SanctionedOrigin: SanctionedOriginCheck,
    p.Combination: CombinationCheck,
    p.CommercialDrop: CommercialDropCheck,
}

_RANK = {
    Severity.CRITICAL: 0,
    Severity.HIGH: 1,
    Severity.MEDIUM: 2,
    Severity.LOW: 3,
    Severity.INFO: 4,
}


class RiskEngine:
    """Assess parcels against one rule pack (compiled once; safe to share between threads)."""

    def __init__(self, pack: RulePack) -> None:
        self.pack = pack
        self.rulepack = pack.label
        order = sorted(range(len(pack.rules)), key=lambda i: (_RANK[pack.rules[i].severity], i))
        self._rules: tuple[tuple[Rule, Checker], ...] = tuple(
            (pack.rules[i], _CHECKERS[type(pack.rules[i].condition)](pack.rules[i].condition, pack))
            for i in order
        )
        share_keyword_gate([checker for _, checker in self._rules])
        # The gated keyword rules, and every text field any of them reads: when no such text
        # holds a word of the shared gate, none of them can fire, and they are skipped without
        # a call each (dozens per parcel; a re-score assesses a million parcels).
        self._gate = next(
            (c.gate for _, c in self._rules if isinstance(c, KeywordCheck) and c.gate), None
        )
        self._gated = frozenset(
            id(c) for _, c in self._rules if isinstance(c, KeywordCheck) and c.gate is not None
        )
        self._gated_fields = tuple(
            dict.fromkeys(spec for _, c in self._rules if id(c) in self._gated for spec in c.fields)
        )
        # ... read in one call: the descriptions, and one getter for every other field
        plain = [spec for spec in self._gated_fields if spec != "contents.description"]
        self._gate_pieces = len(plain) < len(self._gated_fields)
        self._gate_read = field_reader(plain)
        # The HS-prefix rules, and every prefix any of them names: a parcel whose HS codes
        # start with none of them skips them all (most parcels; nine rules in the default pack).
        hs_rules = [c for _, c in self._rules if isinstance(c, HsPrefixCheck)]
        self._hs_prefixes = tuple(dict.fromkeys(x for c in hs_rules for x in c.prefixes))
        self._hs = frozenset(id(c) for c in hs_rules)
        # The rule lists an assessment walks, made once, by which of the two groups it skips
        # (bit 1: the gated keyword rules, bit 2: the HS-prefix rules), and the rules that run
        # without an AED item. A million parcels each pay the loop: it holds no test it can
        # do here.
        self._by_skip = tuple(
            tuple(
                (r, c.check)
                for r, c in self._rules
                if not isinstance(c, MissingAedCheck)  # fires only when there is no AED
                and not (skip & 1 and id(c) in self._gated)
                and not (skip & 2 and id(c) in self._hs)
            )
            for skip in range(4)
        )
        self._without_item = tuple((r, c.check) for r, c in self._rules if not c.needs_item)
        self._rate = pack.random_exam_rate

    @classmethod
    def from_file(cls, path: str | Path) -> RiskEngine:
        return cls(load_pack(path))

    @classmethod
    def default(cls) -> RiskEngine:
        return cls(default_pack())

    @property
    def random_rate(self) -> float:
        """The share of clear parcels to pick for a random exam."""
        return self._rate

    def random_pick(self, draw: float | None) -> bool:
        """True when the bench's draw (a number in [0, 1)) falls in the pack's share."""
        return draw is not None and self._rate > 0 and draw < self._rate

    def _gate_open(self, ctx: Context) -> bool:
        """Whether any text the gated keyword rules read holds a word of their shared gate.

        One search over all of them folded together, one per line: a word found in one text is
        found there, and one found only across the seam of two texts merely runs the rules,
        which then find nothing — so nothing is ever skipped that one text alone would open.
        """
        gate = self._gate
        item = ctx.item
        assert gate is not None and item is not None
        values = [piece.description for piece in item.contents] if self._gate_pieces else []
        values.extend(value for value in self._gate_read(item) if value)
        return gate.search(match_folded("\n".join(values))) is not None

    def _fire(self, ctx: Context) -> tuple[list[tuple[Rule, list[Hit]]], int, Level]:
        """The rules that fire on the parcel with their hits, in the flags' order; its score
        and level."""
        item = ctx.item
        if item is None:
            rules = self._without_item
        else:
            skip = 0
            if self._gate is not None and not self._gate_open(ctx):
                skip = 1
            prefixes = self._hs_prefixes
            if prefixes:
                skip |= 2
                for piece in item.contents:
                    if piece.hs_code and piece.hs_code.startswith(prefixes):
                        skip &= 1
                        break
            rules = self._by_skip[skip]
        fired: list[tuple[Rule, list[Hit]]] = []
        total = 0
        critical = known_shipper = False
        for rule, check in rules:
            hits = check(ctx)
            if not hits:
                continue
            fired.append((rule, hits))
            total += rule.score
            if rule.severity is Severity.CRITICAL:
                critical = True
            if rule.kind == "known_shipper":
                known_shipper = True
        total = max(total, 0)
        pack = self.pack
        level = (
            Level.DETAIN
            if total >= pack.detain
            else Level.EXAMINE
            if total >= pack.examine
            else Level.CLEAR
        )
        if critical:
            if not known_shipper:
                level = Level.DETAIN
            elif level is Level.CLEAR:
                level = Level.EXAMINE
        return fired, total, level

    def score(
        self, item_id: str, item: AedItem, *, history: RiskHistory = NO_HISTORY
    ) -> tuple[Level, int, tuple[str, ...]]:
        """(level, score, the rules that fired) of a stored parcel: what a re-score keeps of
        `assess`, without writing the flags' explanations a million times."""
        ctx = Context(item_id, item, True, history)
        ctx.links = tuple(history.seizure_links(item))
        fired, total, level = self._fire(ctx)
        return level, total, tuple([rule.id for rule, _ in fired])

    def assess(
        self,
        item_id: str,
        item: AedItem | None,
        *,
        id_valid: bool = True,
        history: RiskHistory = NO_HISTORY,
        random_draw: float | None = None,
    ) -> Assessment:
        """Score one parcel; `item` None means no AED was found for the scanned id.
        `random_draw` is the bench's draw for this parcel (see the module's note)."""
        ctx = Context(item_id, item, id_valid, history)
        if item is not None:
            ctx.links = tuple(history.seizure_links(item))
        fired, total, level = self._fire(ctx)
        flags: list[Flag] = []
        for rule, hits in fired:
            score = rule.score
            for hit in hits:
                rationale = f"{rule.rationale} ({hit.detail})" if hit.detail else rule.rationale
                flags.append(
                    Flag(
                        rule.id, rule.title, rule.severity, score, hit.field, hit.matched, rationale
                    )
                )
                score = 0
        random_exam = level is Level.CLEAR and self.random_pick(random_draw)
        return Assessment(
            item_id,
            item is not None,
            total,
            level,
            tuple(flags),
            ctx.links,
            random_exam,
            self.rulepack,
        )
