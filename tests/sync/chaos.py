"""A fault-injecting TCP proxy between a bench and HQ, for the chaos tests.

Each connection (the client sends one request per connection) gets one fate from a seeded
random generator: passed through, dropped before anything reaches HQ, reset half-way through
the request, reset half-way through the response (HQ did the work, the bench never hears of it),
delayed, or delivered to HQ twice at once. Every socket has a timeout, so nothing hangs.
"""

from __future__ import annotations

import contextlib
import random
import socket
import struct
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

FATES = ("pass", "drop", "reset_request", "reset_response", "delay", "duplicate")
TIMEOUT = 15.0


def _reset(sock: socket.socket) -> None:
    """Close with RST (SO_LINGER 0), as a crashed peer or a middlebox would."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def _read_request(sock: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        part = sock.recv(65536)
        if not part:
            return data
        data += part
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        part = sock.recv(65536)
        if not part:
            break
        body += part
    return head + b"\r\n\r\n" + body


def _read_all(sock: socket.socket) -> bytes:
    chunks = []
    while part := sock.recv(65536):
        chunks.append(part)
    return b"".join(chunks)


@dataclass
class ChaosProxy:
    upstream_port: int
    seed: int = 1
    weights: dict[str, float] = field(
        default_factory=lambda: {
            "pass": 4,
            "drop": 1,
            "reset_request": 1,
            "reset_response": 2,
            "delay": 1,
            "duplicate": 2,
        }
    )
    fates: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        self._lock = threading.Lock()
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(0.2)
        self.port = self._server.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def calm(self) -> None:
        """From now on every connection passes (the final, clean sync)."""
        with self._lock:
            self.weights = {"pass": 1}

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self._server.close()

    def _fate(self) -> str:
        with self._lock:
            names = list(self.weights)
            fate = self._rng.choices(names, [self.weights[n] for n in names])[0]
            self.fates[fate] += 1
            return fate

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(TIMEOUT)
            threading.Thread(target=self._handle, args=(client, self._fate()), daemon=True).start()

    def _upstream(self) -> socket.socket:
        sock = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=TIMEOUT)
        sock.settimeout(TIMEOUT)
        return sock

    def _handle(self, client: socket.socket, fate: str) -> None:
        try:
            if fate == "drop":
                _reset(client)
                return
            request = _read_request(client)
            if fate == "reset_request":
                with self._upstream() as up:
                    up.sendall(request[: max(1, len(request) // 2)])
                    _reset(up)
                _reset(client)
                return
            if fate == "delay":
                time.sleep(0.3)
            with self._upstream() as up:
                if fate == "duplicate":
                    twin = self._upstream()
                    twin.sendall(request)
                up.sendall(request)
                response = _read_all(up)
                if fate == "duplicate":
                    _read_all(twin)
                    twin.close()
            if fate == "reset_response":
                client.sendall(response[: max(1, len(response) // 2)])
                _reset(client)
                return
            client.sendall(response)
            client.close()
        except OSError:
            _reset(client)
