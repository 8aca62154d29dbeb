"""What makes an HQ feed item trustworthy at a bench: its checksum and HQ's signature over it.

The checksum (SHA-256 of kind, name and body) says the item arrived whole; it proves nothing
about who made it, since anyone on the path can compute one. HQ therefore signs each item with
an Ed25519 key whose public half a bench pins when it is enrolled (it comes with the token, not
over the network), and a bench applies only items that key signed. The signature covers the
sequence number and publication time as well as the checksum, so an item cannot be replayed
at another place in the feed. An AED batch's body names its file by SHA-256, so the signature
covers the file too.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from parcelbench.domain.canonical import canonical_json, sha256_hex

KEY_PREFIX = "ed25519:"


class SignatureError(ValueError):
    """A feed item HQ's pinned key did not sign (or a key that is not one)."""


def feed_checksum(kind: str, name: str, body: dict[str, Any]) -> str:
    return sha256_hex(canonical_json({"kind": kind, "name": name, "body": body}))


def signed_text(seq: int, kind: str, name: str, checksum: str, published_at: str) -> bytes:
    """The exact bytes HQ signs for one feed item."""
    fields = {
        "seq": seq,
        "kind": kind,
        "name": name,
        "checksum": checksum,
        "published_at": published_at,
    }
    return canonical_json(fields).encode("utf-8")


def public_key_text(key: Ed25519PrivateKey) -> str:
    """How a public key is written in enrollment files and bench settings: `ed25519:<base64>`."""
    raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return KEY_PREFIX + base64.b64encode(raw).decode("ascii")


def key_fingerprint(key_text: str) -> str:
    """A short name for a public key, for people comparing two of them."""
    return hashlib.sha256(key_text.encode("ascii")).hexdigest()[:16]


def parse_public_key(key_text: str) -> Ed25519PublicKey:
    text = (key_text or "").strip()
    if not text.startswith(KEY_PREFIX):
        raise SignatureError(f"HQ's key must start with {KEY_PREFIX!r} (as `hq key` prints it)")
    try:
        raw = base64.b64decode(text[len(KEY_PREFIX) :], validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError):
        raise SignatureError("HQ's key is damaged: copy it again from `hq key`") from None


def sign_item(
    key: Ed25519PrivateKey, seq: int, kind: str, name: str, checksum: str, published_at: str
) -> str:
    signature = key.sign(signed_text(seq, kind, name, checksum, published_at))
    return base64.b64encode(signature).decode("ascii")


def verify_item(item: dict[str, Any], key: Ed25519PublicKey) -> None:
    """Raise `SignatureError` unless `key` signed this item as it is."""
    where = f"feed item {item.get('seq')}"
    signature = item.get("signature")
    if not isinstance(signature, str) or not signature:
        raise SignatureError(f"{where} is not signed by HQ")
    try:
        raw = base64.b64decode(signature, validate=True)
        key.verify(
            raw,
            signed_text(
                int(item["seq"]),
                str(item["kind"]),
                str(item["name"]),
                str(item["checksum"]),
                str(item["published_at"]),
            ),
        )
    except (binascii.Error, InvalidSignature, KeyError, TypeError, ValueError):
        raise SignatureError(
            f"{where} is not signed by the HQ key this bench was enrolled with"
        ) from None
