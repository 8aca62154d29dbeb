"""Human words for the keys the records store: what officers, supervisors and readers see.

Why one table: the store keeps stable keys (`precursor_chemicals`, `returned_to_sender`) so that
records, sync and statistics never depend on wording, while every screen, report and command
shows the same words for them. A key without an entry reads as itself with spaces.
"""

from __future__ import annotations

WORDS: dict[str, str] = {
    # non-compliance / seizure categories
    "narcotics": "narcotics",
    "precursor_chemicals": "precursor chemicals",
    "pill_press": "pill press / dies",
    "counterfeit": "counterfeit (IPR)",
    "undeclared": "undeclared / misdescribed",
    "undervalued": "undervalued",
    "prohibited_agriculture": "prohibited agriculture",
    "wildlife": "wildlife",
    "unsafe_product": "unsafe consumer product",
    "weapons": "weapons / parts",
    "fake_documents": "fake documents",
    # outcomes
    "returned_to_sender": "returned to sender",
    # why a parcel was examined, and how
    "targeting_list": "targeting list (hold)",
    "risk_rule": "risk rules",
    "k9_alert": "K9 alert",
    "xray_anomaly": "X-ray anomaly",
    "census": "census (special operation)",
    "not_examined": "not examined (released on sight)",
    "unrecorded": "not recorded (before reasons were kept)",
    "visual": "opened / visual",
    "xray": "X-ray",
    "k9": "K9",
    "ftir": "FTIR",
    "raman": "Raman",
    "no_aed": "no AED",
    # AED categories
    "sale_of_goods": "sale of goods",
    "commercial_sample": "commercial sample",
    "returned_goods": "returned goods",
}


def words(key: str | None) -> str:
    """The words shown for a stored key (``"precursor_chemicals"`` → ``"precursor chemicals"``)."""
    if not key:
        return ""
    return WORDS.get(key, key.replace("_", " "))
