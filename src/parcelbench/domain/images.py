"""Which image files may be attached to a record: JPEG, PNG and TIFF, told by their bytes.

Why by bytes, not by name: X-ray stills come from a scanner's export folder and photos from
phones, often renamed; what the record keeps must be an image a viewer opens, whatever it is
called. Anything else is refused before anything is written.
"""

from __future__ import annotations

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", ".png"),
    (b"II*\x00", ".tif"),
    (b"MM\x00*", ".tif"),
)
MAX_IMAGE_BYTES = 64 * 1024 * 1024  # what HQ accepts for one photo


class ImageError(ValueError):
    """The file is not an image the record can keep; the message says which and why."""


def image_suffix(data: bytes, name: str = "the file") -> str:
    """The suffix to store the image under; `ImageError` for anything but JPEG, PNG, TIFF."""
    if not data:
        raise ImageError(f"{name} is empty")
    if len(data) > MAX_IMAGE_BYTES:
        raise ImageError(f"{name} is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MiB")
    for magic, suffix in _MAGIC:
        if data.startswith(magic):
            return suffix
    raise ImageError(f"{name} is not a JPEG, PNG or TIFF image; attach the image itself")
