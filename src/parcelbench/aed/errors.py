"""What can go wrong with an AED file: a refused file, or a rejected item inside a good one."""

from __future__ import annotations

from dataclasses import asdict, dataclass


class FileRefused(Exception):
    """The whole file is unusable (not UTF-8, not well-formed, has a DTD, not AED…).

    Nothing from such a file is imported; `reason` is one line an operator can act on.
    """

    def __init__(self, reason: str, *, line: int | None = None) -> None:
        self.reason = reason
        self.line = line
        super().__init__(reason if line is None else f"{reason} (line {line})")


@dataclass(frozen=True, slots=True)
class Rejection:
    """One field of one item that stopped the item from importing."""

    file: str
    line: int
    item_id: str | None
    field: str
    reason: str

    def to_json(self) -> dict[str, object]:
        return asdict(self)
