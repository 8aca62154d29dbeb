"""Decisions back to the posts: a postal operator pulls the customs decisions on its own items
with its own token, from a cursor, as JSON Lines or CSV, an amendment coming as a corrected
message — against a real HQ on loopback fed by a real bench (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from parcelbench.domain.exam import Exam
from parcelbench.domain.records import Outcome, Role
from parcelbench.hq.storage import Database
from parcelbench.ids.s10 import make
from parcelbench.services.outcomes import SeizureDraft, record
from parcelbench.sync import sync_once
from tests.accounts import account
from tests.exams import DETAINED, EXAMINED
from tests.sync.conftest import enrolled_desk
from tests.sync.hqproc import HqProcess, cli

FREED, SEIZED, HELD = (make("LX", f"{70000001 + i:08d}", "CN") for i in range(3))
RETURNED = make("CP", "70000011", "HK")
POWDER = SeizureDraft("narcotics", "white powder", 1, "g", 20.0, "Raman", "positive fentanyl")


def _pull(url: str, token: str, after: int = 0, shape: str = "jsonl") -> tuple[str, str]:
    request = urllib.request.Request(f"{url}/postal/v1/decisions?after={after}&format={shape}")
    request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=10) as answer:
        return answer.read().decode("utf-8"), answer.headers["X-Next-Cursor"]


def _token(hq_db_url: str, *args: str) -> str:
    made = cli("hq", "postal", "add", *args, "--db", hq_db_url, "--json")
    assert made.returncode == 0, made.stderr
    return str(json.loads(made.stdout)["token"])


def test_a_post_pulls_the_decisions_on_its_own_items(
    hq: HqProcess, hq_db: Database, hq_db_url: str, tmp_path: Path
) -> None:
    china = _token(hq_db_url, "china-post", "--posts", "CN")
    hongkong = _token(hq_db_url, "hongkong-post", "--posts", "hk")
    with enrolled_desk(hq_db, hq.url, tmp_path / "b.db", "jfk-1", "JFK", "4701") as desk:
        officer = account(desk.store, "O1001", "Ana Ruiz", Role.OFFICER, "40718253")
        record(desk.store, officer, FREED, Outcome.RELEASED, **EXAMINED)
        record(desk.store, officer, SEIZED, Outcome.SEIZED, seizure=POWDER, **EXAMINED)
        held = record(desk.store, officer, HELD, Outcome.DETAINED, reason="FDA sampling",
                      **DETAINED)  # fmt: skip
        record(desk.store, officer, RETURNED, Outcome.RETURNED_TO_SENDER, selection="risk_rule",
               exam=Exam(methods=("visual",), return_reason="no_aed"))  # fmt: skip
        sync_once(desk.store)
        body, cursor = _pull(hq.url, china)
        lines = [json.loads(line) for line in body.splitlines()]
        assert [(d["item_id"], d["code"], d["decision"], d["reason"]) for d in lines] == [
            (FREED, "CRL", "released", None),
            (SEIZED, "CSZ", "seized", "prohibited or restricted goods"),
            (HELD, "CHE", "held for examination", "detained pending examination or tests"),
        ]
        assert all(d["facility"] == "JFK" and d["corrects"] is None for d in lines)
        assert "FDA" not in body  # the post learns the decision, not the investigation
        assert int(cursor) == lines[-1]["seq"]
        assert _pull(hq.url, china, after=int(cursor)) == ("", cursor)  # nothing new
        # the detention decided: released after the lab; a corrected message follows
        record(desk.store, officer, HELD, Outcome.RELEASED, amends=held.inspection.uuid,
               selection="risk_rule", exam=Exam(methods=("visual",),
               findings="lab: negative"))  # fmt: skip
        sync_once(desk.store)
    body, _ = _pull(hq.url, china, after=int(cursor))
    [corrected] = [json.loads(line) for line in body.splitlines()]
    assert (corrected["item_id"], corrected["code"], corrected["corrects"]) == (
        HELD, "CRL", lines[2]["seq"]
    )  # fmt: skip
    table, _ = _pull(hq.url, hongkong, shape="csv")
    rows = list(csv.DictReader(io.StringIO(table)))
    assert [(r["item_id"], r["code"], r["reason"]) for r in rows] == [
        (RETURNED, "CRT", "no AED")
    ]  # only its own post's items
    # a bench's token, an unknown one and a revoked one are all refused
    assert cli("hq", "postal", "revoke", "hongkong-post", "--db", hq_db_url).returncode == 0
    for token in (hongkong, "post.nothing", ""):
        with pytest.raises(urllib.error.HTTPError) as refused:
            _pull(hq.url, token)
        assert refused.value.code == 401
    bad = cli("hq", "postal", "add", "x", "--posts", "CHN", "--db", hq_db_url)
    assert bad.returncode == 2 and "two-letter country codes" in bad.stderr
