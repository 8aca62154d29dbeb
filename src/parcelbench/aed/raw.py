"""An item as a reader yields it, before validation, and the readers' common shape.

Why a module of its own: `source` picks a reader for a file and the readers produce these;
kept apart, the readers need nothing of `source` and the two never import each other.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from parcelbench.domain.aed import AedItem

if TYPE_CHECKING:
    from parcelbench.risk.entities import VolumeKeys


@dataclass(slots=True)
class RawItem:
    """One item as read, before validation: the interchange JSON shape with raw values.

    `checked` is set when the item was already validated (by the helper reader process), and
    `keys` then holds its volume keys (`risk.entities.item_volume_keys`), computed there too.
    """

    line: int
    data: dict[str, Any]
    checked: AedItem | None = None
    keys: VolumeKeys | None = None


class AedReader(Protocol):
    format: str
    unknown_fields: set[str]

    def __iter__(self) -> Iterator[RawItem]: ...
