"""What an examined parcel's record says about its exam, for tests that record outcomes.

Every outcome but a release on sight needs why the parcel was examined and how; tests that are
about something else give these.
"""

from __future__ import annotations

from typing import Any

from parcelbench.domain.exam import Exam

OPENED = Exam(methods=("visual",))
#: A parcel the rules picked, opened and looked at.
EXAMINED: dict[str, Any] = {"selection": "risk_rule", "exam": OPENED}
#: A parcel the random draw picked, opened and looked at.
RANDOM: dict[str, Any] = {"selection": "random", "exam": OPENED}

#: A detention notice as 19 CFR 151.16(c) asks for it.
NOTICE: dict[str, str] = {
    "reason": "suspected undeclared supplements; FDA sampling",
    "anticipated_length": "until FDA's lab result, about 10 days",
    "tests_pending": "FDA laboratory analysis of 2 sampled capsules",
    "information_requested": "invoice and the product's ingredient list",
    "addressee": "",
    "notice_method": "none-yet",
}
#: A parcel the rules picked, opened and detained with its notice.
DETAINED: dict[str, Any] = {
    "selection": "risk_rule",
    "exam": Exam(methods=("visual",), notice=NOTICE),
}
