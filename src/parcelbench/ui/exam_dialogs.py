"""The forms an outcome opens beyond the seizure: what a release at the detain level found, the
supervisor allowing a release over a critical flag, a return's reason, a detention's notice,
an abandonment's or a destruction's witness and certificate; and the answers that come after
the exam: a partner agency's answer to a referral, a laboratory's result on a sample.

Modal because each is a decision (BENCH-UI.md); Enter confirms only a complete form, which
says what is missing, and Esc goes back to the parcel with nothing recorded.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from parcelbench.domain.detention import NOTICE_METHODS, DetentionNotice
from parcelbench.domain.exam import ReturnReason, TestResult
from parcelbench.domain.words import words
from parcelbench.ui.labels import plain_label


class _Form(QDialog):
    """A form whose OK closes it only when `missing()` says nothing is missing."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(max(560, self.fontMetrics().averageCharWidth() * 64))
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.message = plain_label("", self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")

    def finish(self) -> None:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.form.addRow(self.message)
        self.form.addRow(buttons)

    def missing(self) -> str:
        return ""

    def accept(self) -> None:
        missing = self.missing()
        if missing:
            self.message.setText(missing)
            return
        super().accept()

    def line(self, label: str, placeholder: str = "", text: str = "") -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setPlaceholderText(placeholder)
        self.form.addRow(label, edit)
        return edit


class FindingsDialog(_Form):
    """F1 on a parcel at the detain level: what did the exam find? One line is enough."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Release at the detain level"), parent)
        self.form.addRow(
            plain_label(
                self.tr("This parcel is at the detain level: say what the exam found."), self
            )
        )
        self.text = self.line(self.tr("Findings"), self.tr("e.g. opened: phone cases as declared"))
        self.finish()

    def missing(self) -> str:
        return "" if self.text.text().strip() else self.tr("Say what the exam found.")


class OverrideDialog(_Form):
    """A release over a critical flag: the supervisor who allows it, with their PIN."""

    def __init__(self, flags: list[str], own_badge: str = "", parent: QWidget | None = None):
        super().__init__(self.tr("Supervisor's release"), parent)
        self.form.addRow(
            plain_label(
                self.tr("Releasing over a critical flag ({flags}) needs a supervisor.").format(
                    flags=", ".join(flags)
                ),
                self,
            )
        )
        self.badge = self.line(self.tr("Supervisor badge"), "S…", own_badge)
        self.pin = self.line(self.tr("Supervisor PIN"), self.tr("not needed for yourself"))
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.own_badge = own_badge
        self.finish()

    def missing(self) -> str:
        if not self.badge.text().strip():
            return self.tr("Enter the supervisor's badge.")
        if self.badge.text().strip().upper() != self.own_badge and not self.pin.text():
            return self.tr("The supervisor enters their PIN.")
        return ""


class ReturnDialog(_Form):
    """F5: why the parcel goes back to its sender."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Return to sender"), parent)
        self.reason = QComboBox(self)
        self.reason.addItem(self.tr("— choose the reason —"), None)
        for reason in ReturnReason:
            self.reason.addItem(words(reason), str(reason))
        self.form.addRow(self.tr("Reason"), self.reason)
        self.finish()

    def missing(self) -> str:
        return "" if self.reason.currentData() else self.tr("Choose why it is returned.")

    @property
    def chosen(self) -> str:
        return str(self.reason.currentData())


class DetentionDialog(_Form):
    """F3: the detention notice's data (19 CFR 151.16(c)); its clocks start when recorded."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Detain"), parent)
        self.reason = self.line(
            self.tr("Reason"), self.tr("the precise reason, e.g. FDA-regulated drug without entry")
        )
        self.length = self.line(self.tr("Anticipated length"), self.tr("e.g. 10 days, lab test"))
        self.tests = self.line(self.tr("Tests to be done"), self.tr("e.g. FDA lab analysis"))
        self.info = self.line(
            self.tr("Information requested"), self.tr("what would speed up release")
        )
        self.addressee = self.line(self.tr("Notice to"), self.tr("addressee (once sent)"))
        self.method = QComboBox(self)
        for method in NOTICE_METHODS:
            self.method.addItem(method, method)
        self.method.setCurrentIndex(self.method.findData("none-yet"))
        self.form.addRow(self.tr("Notice sent by"), self.method)
        self.finish()

    def notice(self) -> DetentionNotice:
        return DetentionNotice(
            reason=self.reason.text().strip(),
            tests_pending=self.tests.text().strip(),
            information_requested=self.info.text().strip(),
            addressee=self.addressee.text().strip(),
            notice_method=str(self.method.currentData()),
            anticipated_length=self.length.text().strip(),
        )

    def missing(self) -> str:
        try:
            self.notice().check()
        except ValueError as exc:
            return str(exc)
        return ""


class DisposalDialog(_Form):
    """Abandonment or destruction: the witnessing officer and the certificate number."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.witness = self.line(self.tr("Witness"), self.tr("name of the witnessing officer"))
        self.certificate = self.line(
            self.tr("Certificate no."), self.tr("abandonment form / destruction certificate")
        )
        self.finish()

    def missing(self) -> str:
        if not self.witness.text().strip():
            return self.tr("Name the witnessing officer.")
        if not self.certificate.text().strip():
            return self.tr("Enter the certificate number.")
        return ""


class ReferralAnswerDialog(_Form):
    """The partner agency's answer to a referral: what they decided, and whether it is a
    finding (a violation), which is what the summaries count once the referral closes."""

    def __init__(self, item_id: str, agency: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Close the referral of {item}").format(item=item_id), parent)
        self.form.addRow(
            plain_label(
                self.tr("{agency}'s answer on {item}.").format(agency=agency, item=item_id), self
            )
        )
        self.answer = self.line(self.tr("Answer"), self.tr("e.g. HSI case 24-118 opened"))
        self.finding = QComboBox(self)
        self.finding.addItem(self.tr("— choose —"), None)
        self.finding.addItem(self.tr("Yes: they found a violation"), True)
        self.finding.addItem(self.tr("No violation found"), False)
        self.form.addRow(self.tr("Finding"), self.finding)
        self.finish()

    def missing(self) -> str:
        if not self.answer.text().strip():
            return self.tr("Give the agency's answer (what they decided).")
        if self.finding.currentData() is None:
            return self.tr("Say whether the agency found a violation.")
        return ""


class LabResultDialog(_Form):
    """The laboratory's result on a seizure line's sample."""

    def __init__(self, seizure_number: str, sample: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Lab result for {number}").format(number=seizure_number), parent)
        self.form.addRow(
            plain_label(
                self.tr("Sample {sample} of seizure {number}.").format(
                    sample=sample, number=seizure_number
                ),
                self,
            )
        )
        self.result = QComboBox(self)
        self.result.addItem(self.tr("— choose —"), None)
        for result in TestResult:
            self.result.addItem(words(str(result)), str(result))
        self.form.addRow(self.tr("Result"), self.result)
        self.substance = self.line(self.tr("Substance"), self.tr("what the lab found"))
        self.laboratory = self.line(self.tr("Laboratory"), self.tr("e.g. CBP LSS Chicago"))
        self.report_ref = self.line(self.tr("Report ref."), self.tr("optional"))
        self.finish()

    def missing(self) -> str:
        result = self.result.currentData()
        if result is None:
            return self.tr("Choose the lab's result.")
        if result == TestResult.POSITIVE and not self.substance.text().strip():
            return self.tr("A positive result names the substance.")
        if not self.laboratory.text().strip():
            return self.tr("Name the laboratory.")
        return ""
