"""What every fuzz module shares: the active profile, a no-hang guard and mutation strategies."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from hypothesis import settings
from hypothesis import strategies as st

F = TypeVar("F", bound=Callable[..., Any])

#: ``PARCELBENCH_FUZZ=long`` selects the long profile; anything else the bounded CI one.
PROFILE = "fuzz-long" if os.environ.get("PARCELBENCH_FUZZ") == "long" else "fuzz-ci"


def fuzz(scale: float = 1.0) -> Callable[[F], F]:
    """The active profile as a decorator; `scale` gives cheap targets more examples (and slow
    ones fewer) while keeping the ratio between CI and long runs."""
    try:
        parent = settings.get_profile(PROFILE)
    except Exception:  # collected without tests/fuzz/conftest.py (a single file by path)
        from tests.fuzz import conftest  # noqa: F401  registers the profiles

        parent = settings.get_profile(PROFILE)
    return settings(parent, max_examples=max(1, int(parent.max_examples * scale)))


class Hang(BaseException):
    """Raised by `no_hang` when a call runs past its time; a BaseException so that no
    `except Exception` in the code under test can swallow it."""


@contextmanager
def no_hang(seconds: float) -> Iterator[None]:
    """Fail (with `Hang`) if the block runs longer than `seconds` (POSIX, main thread)."""

    def expire(signum: int, frame: object) -> None:
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@st.composite
def mutated(draw: st.DrawFn, original: bytes, *, max_edits: int = 8) -> bytes:
    """`original` with a few random edits: flipped, replaced, inserted or deleted bytes, a
    slice duplicated or cut out, or the file truncated anywhere."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, max_edits))):
        op = draw(st.sampled_from(("flip", "set", "insert", "delete", "dup", "cut", "truncate")))
        pos = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip" and data:
            data[pos] ^= 1 << draw(st.integers(0, 7))
        elif op == "set" and data:
            data[pos] = draw(st.sampled_from(INTERESTING_BYTES))
        elif op == "insert":
            data[pos:pos] = draw(st.sampled_from(INTERESTING_CHUNKS))
        elif op == "delete" and data:
            del data[pos]
        elif op in ("dup", "cut") and data:
            end = draw(st.integers(pos, min(len(data), pos + 64)))
            if op == "dup":
                data[end:end] = data[pos:end]
            else:
                del data[pos:end]
        elif op == "truncate":
            del data[pos:]
    return bytes(data)


INTERESTING_BYTES = tuple(b"\x00\x01\x1d\x7f\x80\xbf\xc0\xff\"',;<>&[]{}\\\n\r\t 0-9aZ")
INTERESTING_CHUNKS = (
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\xed\xa0\x80",  # a UTF-8-encoded surrogate
    b"\xc3",
    b'"',
    b"\\u0000",
    b"\\ud800",
    b"<!DOCTYPE x [<!ENTITY e 'e'>]>",
    b"&e;",
    b"&#0;",
    b"<![CDATA[x]]>",
    b"<?pi x?>",
    b"<!-- c -->",
    b"</Item>",
    b"<Item>",
    b"\n",
    b"\r\n",
    b",,,",
    b'"a""b"',
    b"=cmd|' /C calc'!A0",
    b"1e999",
    b"-0",
    b"NaN",
    b"9" * 30,
    b"[" * 50,
    b"{}",
    b"[]",
    b"null",
    b"true",
    b"\xe2\x80\xae",  # right-to-left override
    b"\xc2\xb2",  # superscript two: str.isdigit() is True, int() refuses it
    b"\xd9\xa1\xd9\xa2",  # Arabic-Indic digits
)

#: JSON values of every type, nested a little: what a hostile JSON Lines field may hold.
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(("²", "١٢", "1e999", "-1", "0", "RR473124829GB", " ", "NaN", "USD", "CN")),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)
