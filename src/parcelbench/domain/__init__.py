"""Domain records shared by every layer.

Plain dataclasses with no knowledge of storage, Qt or the network, so the same objects flow
from an importer through the risk engine to the window and the reports.
"""

from parcelbench.domain.aed import AedItem, ContentPiece, Party
from parcelbench.domain.records import (
    AuditEntry,
    Inspection,
    Officer,
    OutboxEvent,
    Outcome,
    Photo,
    Role,
    Scan,
    Seizure,
)

__all__ = [
    "AedItem",
    "AuditEntry",
    "ContentPiece",
    "Inspection",
    "Officer",
    "OutboxEvent",
    "Outcome",
    "Party",
    "Photo",
    "Role",
    "Scan",
    "Seizure",
]
