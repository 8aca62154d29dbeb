"""The exam's records reach HQ as the bench wrote them: an inspection with its selection and
exam, two seizure lines, a lab result and a partner's answer — each checked there against the
audit row that chains it, against a real HQ on loopback."""

from __future__ import annotations

import json

from parcelbench.domain.exam import Exam, FieldTest
from parcelbench.domain.records import Outcome, Role
from parcelbench.hq.storage import Database
from parcelbench.services.followups import close_referral, record_lab_result
from parcelbench.services.outcomes import SeizureDraft, record
from parcelbench.sync import sync_once
from tests.accounts import account
from tests.sync.conftest import Bench
from tests.sync.hqproc import HqProcess


def test_the_exam_and_what_followed_it_reach_hq_whole(
    bench: Bench, hq: HqProcess, hq_db: Database
) -> None:
    officer = account(bench.store, "O1001", "Ana Ruiz", Role.OFFICER, "40718253")
    lines = (
        SeizureDraft("narcotics", "white powder", 1, "g", 48.35, "raman", "inconclusive",
                     lab_sample="LS-1"),
        SeizureDraft("pill_press", "punch and die set", 2, "pieces", 910.0, seals=("S-9",)),
    )  # fmt: skip
    seized = record(
        bench.store,
        officer,
        "RR473124829GB",
        Outcome.SEIZED,
        selection="k9_alert",
        exam=Exam(methods=("k9", "field_test"), field_tests=(FieldTest("raman", "negative"),)),
        seizures=lines,
    )
    referred = record(
        bench.store,
        officer,
        "CP100000140DE",
        Outcome.REFERRED,
        agency="USPIS",
        selection="risk_rule",
        exam=Exam(methods=("xray",)),
    )
    first = seized.seizures[0].seizure_number
    record_lab_result(
        bench.store, officer, first, lab_sample="LS-1", result="positive",
        substance="fentanyl", laboratory="CBP LSSD New York",
    )  # fmt: skip
    close_referral(
        bench.store, officer, referred.inspection.uuid, answer="USPIS opened a case", finding=True
    )
    report = sync_once(bench.store)
    assert report.pending == 0 and report.chain_ok is True
    with hq_db.tx(write=False) as tx:
        held = {
            kind: [json.loads(p) if isinstance(p, str) else p for (p,) in rows]
            for kind in ("inspection.recorded", "seizure.recorded", "seizure.lab_result",
                         "referral.closed")
            if (rows := tx.rows(
                "SELECT payload FROM events WHERE bench_id = ? AND kind = ? ORDER BY seq",
                (bench.bench_id, kind),
            ))
        }  # fmt: skip
    inspections = [e["record"] for e in held["inspection.recorded"]]
    assert [i["selection"] for i in inspections] == ["k9_alert", "risk_rule"]
    assert inspections[0]["exam"]["field_tests"][0]["instrument"] == "raman"
    assert [s["record"]["seizure_number"][-3:] for s in held["seizure.recorded"]] == ["-01", "-02"]
    assert held["seizure.lab_result"][0]["record"]["substance"] == "fentanyl"
    assert held["referral.closed"][0]["record"]["finding"] is True
