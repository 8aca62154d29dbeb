"""A laboratory's result recorded after the seizure is printed on its report and hashed with
it; a seizure without one hashes as it always did."""

from __future__ import annotations

import subprocess
from pathlib import Path

from parcelbench.domain.exam import Exam
from parcelbench.domain.records import Outcome, Role
from parcelbench.reports.seizure import render
from parcelbench.services import seizures
from parcelbench.services.followups import record_lab_result
from parcelbench.services.outcomes import SeizureDraft, record
from parcelbench.store import Store
from tests.accounts import account


def test_the_lab_result_is_on_the_report_and_in_its_hash(tmp_path: Path) -> None:
    with Store(tmp_path / "b.sqlite") as store:
        officer = account(store, "O1001", "Ana Ruiz", Role.OFFICER, "40718253")
        done = record(
            store,
            officer,
            "RR473124829GB",
            Outcome.SEIZED,
            selection="xray_anomaly",
            exam=Exam(methods=("xray", "visual")),
            seizure=SeizureDraft(
                "narcotics", "white powder", 1, "g", 48.35, "Raman", "inconclusive",
                lab_sample="LS-2026-0077", seals=("S-41",),
            ),
        )  # fmt: skip
        number = done.seizures[0].seizure_number
        before = seizures.build_record(store, number)
        record_lab_result(
            store, officer, number, lab_sample="LS-2026-0077", result="positive",
            substance="para-fluorofentanyl", laboratory="CBP LSSD Chicago", report_ref="R-5521",
        )  # fmt: skip
        after = seizures.build_record(store, number)
    assert before.sha256 != after.sha256
    assert [x.substance for x in after.lab_results] == ["para-fluorofentanyl"]
    pdf = tmp_path / "s.pdf"
    pdf.write_bytes(render(after))
    text = " ".join(
        subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout.split()
    )
    for needed in (
        "Laboratory results",
        "LS-2026-0077",
        "positive para-fluorofentanyl",
        "CBP LSSD Chicago (R-5521)",
        "Raman: inconclusive (lab sample LS-2026-0077)",
        "seal S-41",
        "X-ray anomaly",
        "X-ray, opened / visual",
    ):
        assert needed in text, needed
