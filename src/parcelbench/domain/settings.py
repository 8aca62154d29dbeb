"""Every setting ParcelBench keeps, in one registry: key, type, default and where it lives.

A caller names a setting by its constant (`PORT_CODE`), never by a string, so each key and its
default are written once, here. Settings live in one of three places (`Setting.scope`):

* ``"bench"`` — the database's `settings` table: the workstation as reports and seizure
  numbers print it (facility, port code). Every change is an audit row.
* ``"sync"`` — the database's `sync_state` table: the bench's link to HQ (address, token, CA
  file), the feed cursor and what the last sync round did. Written by the sync machinery and
  `parcelbench sync --hq/--token`, without audit rows: a token must never enter the audit chain
  that HQ receives, and the last error changes every round.
* ``"user"`` — the window's QSettings: one officer's view, camera and window geometry, and
  seizure forms not yet recorded. Never in the database.

Pure: no Qt, no SQL. `parcelbench.store.settings` reads and writes the database's settings;
`parcelbench.ui` reads and writes the user's through QSettings with these keys and defaults.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar, get_args

T = TypeVar("T")
Scope = Literal["bench", "sync", "user"]
SCOPES: tuple[str, ...] = get_args(Scope)


@dataclass(frozen=True, slots=True)
class Setting(Generic[T]):
    """One setting: `type` is what a read returns (str, int, bool, bytes), `default` what a
    read returns when the setting was never set (or was set blank, for a non-None default)."""

    key: str
    type: type[Any]
    default: T
    scope: Scope

    def __post_init__(self) -> None:
        if self.scope not in SCOPES:
            raise ValueError(f"setting {self.key!r}: scope {self.scope!r} is not one of {SCOPES}")
        if self.default is not None and not isinstance(self.default, self.type):
            raise TypeError(f"setting {self.key!r}: default {self.default!r} is not {self.type}")

    def child(self, name: str) -> str:
        """The key of one entry kept under this one (a seizure draft per parcel)."""
        return f"{self.key}/{name}"


# -- bench: the database's `settings` table (audited) ------------------------------------------

#: The 4-digit port code in every seizure number (`FY-PPPP-SSNNNN-LL`); set at enrollment.
PORT_CODE: Setting[str] = Setting("port_code", str, "0000", "bench")
#: This bench's segment of its port's seizure numbers (01–99, given by HQ at enrollment; 00 on a
#: bench never enrolled with a port): the SS of `FY-PPPP-SSNNNN-LL`, so the benches of one port
#: never issue the same number however long they are offline.
BENCH_SEGMENT: Setting[int] = Setting("bench_segment", int, 0, "bench")
#: The facility code HQ enrolled this bench at (HQ's figures are per facility code).
FACILITY_CODE: Setting[str | None] = Setting("facility_code", str, None, "bench")
#: The facility named on seizure reports and operation summaries.
FACILITY: Setting[str] = Setting("facility", str, "International Mail Facility", "bench")
#: Set when `parcelbench demo` built this database: the demo only ever adds its public accounts
#: and data to a database it made (or the default demo file), never to a real bench.
DEMO_BENCH: Setting[bool] = Setting("demo_bench", bool, False, "bench")

# -- sync: the database's `sync_state` table (HQ link and sync progress, not audited) ----------

HQ_URL: Setting[str | None] = Setting("hq_url", str, None, "sync")
HQ_TOKEN: Setting[str | None] = Setting("token", str, None, "sync")
#: HQ's feed signing key (`ed25519:<base64>`), pinned at enrollment: only items it signed apply.
HQ_KEY: Setting[str | None] = Setting("hq_key", str, None, "sync")
#: A CA bundle to trust for HQ's TLS certificate (None: the system's).
HQ_CA_FILE: Setting[str | None] = Setting("ca_file", str, None, "sync")
#: Set (to HQ's reason) when HQ refused the token: a supervisor must enroll the bench again.
NEEDS_ENROLLMENT: Setting[str | None] = Setting("needs_enrollment", str, None, "sync")
#: The HQ sequence number of the last feed item applied; moved in the applying transaction.
FEED_CURSOR: Setting[int] = Setting("cursor", int, 0, "sync")
LAST_SYNC: Setting[str | None] = Setting("last_sync", str, None, "sync")
LAST_ATTEMPT: Setting[str | None] = Setting("last_attempt", str, None, "sync")
LAST_ERROR: Setting[str | None] = Setting("last_error", str, None, "sync")
#: The last scan sent to HQ as an arrival; moved when HQ answered that it holds the batch.
ARRIVALS_CURSOR: Setting[int] = Setting("arrivals_cursor", int, 0, "sync")
#: How far HQ holds this bench's audit chain, and whether HQ found it intact.
HQ_CHAIN_SEQ: Setting[int] = Setting("hq_chain_seq", int, 0, "sync")
HQ_CHAIN_OK: Setting[bool | None] = Setting("hq_chain_ok", bool, None, "sync")

# -- user: the window's QSettings --------------------------------------------------------------

#: The camera the window opened last (a device index, file or URL; None: no camera).
CAMERA_SPEC: Setting[str | None] = Setting("camera/spec", str, None, "user")
LARGE_TEXT: Setting[bool] = Setting("view/large", bool, False, "user")
DARK_THEME: Setting[bool] = Setting("view/dark", bool, False, "user")
#: The main window's geometry as Qt saves it (QByteArray).
WINDOW_GEOMETRY: Setting[bytes | None] = Setting("window/geometry", bytes, None, "user")
#: Seizure forms typed but not recorded, one per parcel under `SEIZURE_DRAFTS.child(item_id)`
#: (JSON of the form's fields), offered again when that parcel's form opens.
SEIZURE_DRAFTS: Setting[str | None] = Setting("drafts/seizure", str, None, "user")

REGISTRY: tuple[Setting[Any], ...] = (
    PORT_CODE,
    BENCH_SEGMENT,
    FACILITY_CODE,
    FACILITY,
    DEMO_BENCH,
    HQ_URL,
    HQ_TOKEN,
    HQ_KEY,
    HQ_CA_FILE,
    NEEDS_ENROLLMENT,
    FEED_CURSOR,
    ARRIVALS_CURSOR,
    LAST_SYNC,
    LAST_ATTEMPT,
    LAST_ERROR,
    HQ_CHAIN_SEQ,
    HQ_CHAIN_OK,
    CAMERA_SPEC,
    LARGE_TEXT,
    DARK_THEME,
    WINDOW_GEOMETRY,
    SEIZURE_DRAFTS,
)
