"""A real bench database holding a seizure to report on: AED with Chinese, Cyrillic and
accented names, an officer and two supervisors, a seizure with its risk snapshot, photos."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from parcelbench.aed.importer import import_file
from parcelbench.aed.writers import write
from parcelbench.domain.records import Officer, Outcome, Role
from parcelbench.domain.settings import FACILITY, PORT_CODE
from parcelbench.risk.pack import default_pack
from parcelbench.services.outcomes import SeizureDraft, record
from parcelbench.store import Store, settings
from parcelbench.store.evidence import attach_photo
from tests.accounts import account
from tests.conftest import make_item
from tests.exams import EXAMINED

SENDER = {
    "name": "王小明 Trading",
    "street": "南山路12号",
    "city": "深圳",
    "postcode": "518000",
    "country": "CN",
    "phone": "+86 755 8888 1234",
}
ADDRESSEE = {
    "name": "Андрей Кузнецов c/o José Núñez",
    "street": "41-12 Main St Apt 4B",
    "city": "Queens",
    "state": "NY",
    "postcode": "11101",
    "country": "US",
}
DRAFT = SeizureDraft(
    "narcotics",
    "white powder in phone case lining",
    1,
    "g",
    12.34,
    "TruNarc",
    "fentanyl positive",
    ("EB-000123", "SEAL-9981"),
    "Chloé Dubois",
)
RISK = {
    "level": "hold",
    "score": 87,
    "rulepack": default_pack().label,  # the built-in pack: its titles print with the ids
    "random_exam": False,
    "rules": ["fentanyl-precursor", "retired-rule"],
    "links": [],
}


@dataclass(frozen=True)
class Bench:
    db: Path
    officer: Officer
    supervisor: Officer
    second_supervisor: Officer
    seizure_number: str
    photo_hashes: tuple[str, ...]


def jpeg(seed: int, size: tuple[int, int] = (320, 240)) -> bytes:
    """A small real JPEG (a coloured gradient with a number) so photos embed as images."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, (40 + 30 * seed % 200, 90, 140))
    draw = ImageDraw.Draw(image)
    for x in range(0, size[0], 16):
        draw.line([(x, 0), (x, size[1])], fill=(200, 200 - 10 * seed % 200, 80))
    draw.text((10, 10), f"evidence photo {seed}", fill=(255, 255, 255))
    buf = io.BytesIO()
    image.save(buf, format="JPEG", quality=80)
    return buf.getvalue()


def import_items(store: Store, folder: Path, items: list[dict]) -> None:  # type: ignore[type-arg]
    path = folder / "aed.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        write("jsonl", items, fh)
    import_file(store, path)


def build(folder: Path, *, photos: int = 2, draft: SeizureDraft = DRAFT) -> Bench:
    """One seizure (`draft`), pending approval, with `photos` evidence photos (real JPEGs)."""
    db = folder / "bench.sqlite"
    with Store(db) as store:
        import_items(store, folder, [make_item(sender=SENDER, addressee=ADDRESSEE)])
        officer = account(store, "O1001", "Ana Ruiz", Role.OFFICER, "40718253")
        sup = account(store, "S2001", "Sam Okafor", Role.SUPERVISOR, "63920574")
        sup2 = account(store, "S2002", "Mei Chen 陈美", Role.SUPERVISOR, "71946082")
        settings.set(store, FACILITY, "JFK International Mail Facility", "test")
        settings.set(store, PORT_CODE, "4701", "test")
        done = record(
            store,
            officer,
            "RR473124829GB",
            Outcome.SEIZED,
            noncompliance=(draft.category,),
            notes="declared phone cases; found powder sewn into the lining",
            seizure=draft,
            risk=RISK,
            port_code="4701",
            **EXAMINED,
        )
        hashes = tuple(
            attach_photo(
                store, done.inspection.uuid, jpeg(n), actor="O1001", caption=f"view {n + 1}"
            ).sha256
            for n in range(photos)
        )
    return Bench(db, officer, sup, sup2, done.seizures[0].seizure_number, hashes)
