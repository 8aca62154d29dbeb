"""Shared fixtures: a real store on disk, items in the interchange shape, paths to shared data."""

from __future__ import annotations

import copy
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from parcelbench.store import Store

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED = PROJECT_ROOT.parent / "shared"
TEST_DATA = Path(__file__).resolve().parent / "data"

BASE_ITEM: dict[str, Any] = {
    "item_id": "RR473124829GB",
    "version": 1,
    "sent_at": "2026-11-20T08:15:00+08:00",
    "mail_class": "parcel",
    "category": "sale_of_goods",
    "gross_weight_kg": 1.25,
    "total_value": "23.50",
    "currency": "USD",
    "postal_charges": "5.00",
    "invoice_no": "INV-7731",
    "licence_nos": ["LIC-1"],
    "sender": {
        "name": "Shenzhen Huaxin Trading Co., Ltd.",
        "street": "12 Nanshan Rd",
        "city": "Shenzhen",
        "postcode": "518000",
        "country": "CN",
        "phone": "+86 755 8888 1234",
        "email": "sales@huaxin.example",
    },
    "addressee": {
        "name": "José Núñez",
        "street": "41-12 Main St Apt 4B",
        "city": "Queens",
        "state": "NY",
        "postcode": "11101",
        "country": "US",
    },
    "contents": [
        {
            "description": "silicone phone case",
            "quantity": 2,
            "net_weight_kg": 0.1,
            "value": "10.00",
            "currency": "USD",
            "hs_code": "3926.90",
            "origin_country": "CN",
        },
        {
            "description": "LED strip 5 m",
            "quantity": 1,
            "net_weight_kg": 0.5,
            "value": "13.50",
            "currency": "USD",
            "hs_code": "940540",
            "origin_country": "CN",
        },
    ],
}


def make_item(**changes: Any) -> dict[str, Any]:
    """A valid item in the interchange JSON shape, with top-level fields changed."""
    item = copy.deepcopy(BASE_ITEM)
    item.update(changes)
    return item


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "bench.sqlite") as opened:
        yield opened


def dump(path: Path) -> list[str]:
    """Every row of every table, for 'the database is unchanged' assertions."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()
