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
