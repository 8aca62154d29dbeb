"""The random-exam draw: a number in [0, 1) from the bench's own secret, made at scan time.

Why a secret: a pick computed from the item id and anything that ships with the software (a
salt in the rule pack) can be computed by a sender too, who then knows which ids are never
picked and uses them. Here each bench holds a random 256-bit key that never leaves it (it is
not synced, not printed, not in the rule pack); the draw is HMAC-SHA-256 of the key over the
item id and the moment of the draw. The moment is recorded with the number, so an auditor
given the bench's key can recompute every draw and see none was made again until it suited;
nobody without the key can predict one. A parcel is drawn for once: scanning it again reuses
the first draw, so re-scanning cannot change whether it is picked.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

_SCALE = float(1 << 64)
KEY_BYTES = 32


def new_key() -> bytes:
    """A fresh bench key (from the operating system's CSPRNG)."""
    return secrets.token_bytes(KEY_BYTES)


def draw_fraction(key: bytes, item_id: str, drawn_at: str) -> float:
    """The number in [0, 1) this key gives this parcel at this moment."""
    digest = hmac.new(key, f"{item_id}|{drawn_at}".encode(), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") / _SCALE


@dataclass(frozen=True, slots=True)
class Draw:
    """One draw as recorded: the number, the rate it was compared with, and the result."""

    item_id: str
    drawn_at: str
    fraction: float
    rate: float

    @property
    def picked(self) -> bool:
        return self.rate > 0 and self.fraction < self.rate

    def verify(self, key: bytes) -> bool:
        """Whether this key gives this draw (for an audit)."""
        return draw_fraction(key, self.item_id, self.drawn_at) == self.fraction

    def to_json(self) -> dict[str, Any]:
        return {
            "drawn_at": self.drawn_at,
            "fraction": self.fraction,
            "rate": self.rate,
            "picked": self.picked,
        }
