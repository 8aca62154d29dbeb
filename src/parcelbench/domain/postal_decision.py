"""A customs decision in the postal operator's terms: what the post needs to route the item on,
and nothing of the investigation behind it.

Why a vocabulary of its own: the post delivers, returns or gives up the item; it needs to know
which, and the reason it may pass to the sender (the retention reason) — never the agency a
referral went to, an officer's notes or a field test. The codes are three letters in the
manner of the UPU's item events, and ParcelBench's own: C for customs, then what happened.
"""

from __future__ import annotations

from dataclasses import dataclass

from parcelbench.domain.words import words


@dataclass(frozen=True, slots=True)
class PostalDecision:
    code: str  # CRL released, CHE held for examination, CRT returned, CSZ seized, CAB, CDS
    decision: str
    reason: str | None  # the retention reason the post may pass on


#: outcome → (code, decision, retention reason)
_DECISIONS: dict[str, tuple[str, str, str | None]] = {
    "released": ("CRL", "released", None),
    "detained": ("CHE", "held for examination", "detained pending examination or tests"),
    "referred": ("CHE", "held for examination", "held for another government agency"),
    "returned_to_sender": ("CRT", "returned to sender", None),
    "seized": ("CSZ", "seized", "prohibited or restricted goods"),
    "abandoned": ("CAB", "abandoned", "abandoned to customs"),
    "destroyed": ("CDS", "destroyed", "destroyed under customs supervision"),
}


def postal_decision(outcome: str, return_reason: str | None = None) -> PostalDecision:
    """The decision on one inspection, as the post is told it."""
    code, decision, reason = _DECISIONS.get(outcome, ("CHE", "held for examination", None))
    if outcome == "returned_to_sender":
        reason = words(return_reason) if return_reason else "not admissible"
    return PostalDecision(code, decision, reason)
