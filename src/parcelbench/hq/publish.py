"""`hq publish`: turn an HQ file into one feed item, validated with the bench's own readers.

A file is checked here with the very functions a bench will apply it with (the AED reader, read
to the last item, the rule-pack loader, the targeting-list reader), so a bad file is refused at
HQ, not on every bench; a bench still sets aside an item it cannot apply, and HQ can withdraw it.
An AED batch can be a million items: its bytes go to HQ's blob store and the item names them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from parcelbench.domain.records import Role
from parcelbench.hq.storage import Database, figures, links, repo

KINDS = ("aed", "rules", "holds", "watchlist", "shippers", "officers")

WATCH_KEYS = {"kind", "value", "reason", "country", "city", "postcode"}
SHIPPER_KEYS = {"name", "country", "programme", "street", "city", "postcode", "reference"}
OFFICER_KEYS = {"badge", "name", "role", "pin_hash", "pin", "active"}


class PublishError(ValueError):
    """The file cannot be published as asked (one line naming the file and the problem)."""


def _entries(path: Path, allowed: set[str], required: tuple[str, ...]) -> list[dict[str, Any]]:
    """A JSON array of objects, or JSON Lines, each with the required keys and no others."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PublishError(f"{path}: cannot read it ({exc})") from None
    try:
        stripped = text.lstrip()
        if stripped.startswith("["):
            rows = json.loads(text)
        else:
            rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    except json.JSONDecodeError as exc:
        why = f"{exc.msg}, line {exc.lineno}"
        raise PublishError(f"{path}: not JSON or JSON Lines ({why})") from None
    out = []
    for number, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            raise PublishError(f"{path}: entry {number} is not an object")
        unknown = sorted(set(row) - allowed)
        if unknown:
            raise PublishError(f"{path}: entry {number} has unknown field {unknown[0]!r}")
        for key in required:
            if not isinstance(row.get(key), str) or not row[key].strip():
                raise PublishError(f"{path}: entry {number} needs {key!r}")
        out.append(row)
    if not out:
        raise PublishError(f"{path}: no entries")
    return out


def _officers(path: Path) -> list[dict[str, Any]]:
    from parcelbench.domain.pins import check_pin_shape, hash_pin

    rows = _entries(path, OFFICER_KEYS, ("badge", "name", "role"))
    out = []
    for number, row in enumerate(rows, 1):
        try:
            role = Role(row["role"])
        except ValueError:
            raise PublishError(f"{path}: entry {number} has unknown role {row['role']!r}") from None
        pin_hash = row.get("pin_hash")
        if "pin" in row:  # hashed here: a plain PIN never enters the feed
            try:
                check_pin_shape(str(row["pin"]), badge=str(row["badge"]))
            except ValueError as exc:
                raise PublishError(f"{path}: entry {number}: {exc}") from None
            pin_hash = hash_pin(str(row["pin"]), badge=str(row["badge"]))
        if not isinstance(pin_hash, str) or not pin_hash.startswith("$argon2"):
            raise PublishError(f"{path}: entry {number} needs 'pin' or an argon2 'pin_hash'")
        out.append(
            {
                "badge": row["badge"],
                "name": row["name"],
                "role": str(role),
                "pin_hash": pin_hash,
                "active": bool(row.get("active", True)),
            }
        )
    return out


def build(db: Database, kind: str, path: str | Path) -> tuple[str, dict[str, Any]]:
    """(name, body) of the feed item for this file; raises `PublishError`."""
    path = Path(path)
    if not path.is_file():
        raise PublishError(f"{path}: no such file")
    if kind == "aed":
        from parcelbench.aed.errors import FileRefused
        from parcelbench.aed.source import open_aed

        try:
            source = open_aed(path)
        except FileRefused as exc:
            raise PublishError(f"{path}: {exc}") from None
        fmt = source.format
        try:  # read to the end: a file cut short or damaged deep inside is refused here,
            # not on every bench; its parties are indexed on the way for HQ's link search
            links.index(db, (raw.data for raw in source.reader))
        except FileRefused as exc:
            raise PublishError(f"{path}: {exc}") from None
        finally:
            source.close()
        sha, size = repo.store_file_blob(db, str(path))
        return path.name, {"file": path.name, "format": fmt, "sha256": sha, "size": size}
    if kind == "rules":
        from parcelbench.risk.pack import PackError, load_pack

        try:
            pack = load_pack(path)
        except PackError as exc:
            raise PublishError(str(exc)) from None
        body = {"text": path.read_text(encoding="utf-8"), "suffix": path.suffix or ".toml"}
        return f"{pack.name}@{pack.version}", body
    if kind == "holds":
        from parcelbench.domain.holds_file import HoldsRefused, read_holds_file

        try:
            checked = read_holds_file(path)
        except HoldsRefused as exc:
            raise PublishError(str(exc)) from None
        text = path.read_text(encoding="utf-8-sig")
        return path.name, {"file": path.name, "format": checked.format, "text": text}
    if kind == "watchlist":
        return path.name, {"entries": _entries(path, WATCH_KEYS, ("kind", "value", "reason"))}
    if kind == "shippers":
        entries = _entries(path, SHIPPER_KEYS, ("name", "country", "programme"))
        return path.name, {"entries": entries}
    if kind == "officers":
        return path.name, {"officers": _officers(path)}
    raise PublishError(f"unknown feed kind {kind!r} (expected one of {', '.join(KINDS)})")


def publish_file(
    db: Database, kind: str, path: str | Path, *, by: str = "hq", facility: str | None = None
) -> dict[str, Any]:
    """Publish the file; to one facility's benches only when `facility` is given (a targeting
    list is usually the facility's: its benches share its holds)."""
    name, body = build(db, kind, path)
    if facility is not None:
        known = [f.code for f in figures.facilities(db)]
        if facility not in known:
            raise PublishError(
                f"no facility {facility!r} at HQ (enrolled: {', '.join(known) or 'none'})"
            )
        body = {**body, "facility": facility}
        name = f"{name} ({facility})"
    seq = repo.publish(db, kind, name, body, by)
    return {"seq": seq, "kind": kind, "name": name, "checksum": repo.checksum(kind, name, body)}
