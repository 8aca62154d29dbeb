"""The bench window: scan → parcel card and flags → one key for the outcome → recent list.

A thin layer: every question goes to the bench service (`services.bench.Desk`) through the
window's `Tasks` (writer and reader lanes, jobs; `ui.tasks`), and every answer comes back to a
method here on the GUI thread; the GUI thread only paints. The flow is the small state machine of
BENCH-UI.md — idle → parcel shown → recorded → idle — driven by scans (camera, handheld
scanner from any focus, typed id) and the function keys F1–F5.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QSettings,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QFontMetrics,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from parcelbench.domain.bench_flow import Arrival, BenchFlow, Place
from parcelbench.domain.exam import Selection
from parcelbench.domain.images import ImageError, image_suffix
from parcelbench.domain.records import Inspection, Officer, Outcome, Role
from parcelbench.domain.risk import Level, Severity
from parcelbench.domain.scan_event import ScanEvent
from parcelbench.domain.settings import DARK_THEME, LARGE_TEXT, WINDOW_GEOMETRY
from parcelbench.domain.words import words
from parcelbench.ids import untrusted_id_message
from parcelbench.services.bench import BenchStatus, Decision, Desk, ParcelView
from parcelbench.services.outcomes import Override, PhotoBytes, Recorded
from parcelbench.ui.aed_import import Imported, ImportProgress, RejectionReport, import_job
from parcelbench.ui.aed_import import summary as import_summary
from parcelbench.ui.aed_search import AedSearch
from parcelbench.ui.camera_panel import CameraPanel, encode_jpeg
from parcelbench.ui.dialogs import (
    AgencyDialog,
    LoginPanel,
    OperationDialog,
    SeizureDialog,
)
from parcelbench.ui.exam_dialogs import (
    DetentionDialog,
    DisposalDialog,
    FindingsDialog,
    OverrideDialog,
    ReturnDialog,
)
from parcelbench.ui.exam_panel import ExamPanel
from parcelbench.ui.holds_view import HoldsView
from parcelbench.ui.labels import plain_label
from parcelbench.ui.manual_entry import ManualEntry
from parcelbench.ui.models import RecentModel
from parcelbench.ui.parcel_card import ParcelCard
from parcelbench.ui.rules import RulesMenu
from parcelbench.ui.sync_status import SyncControl, sync_words
from parcelbench.ui.tasks import Job, Tasks
from parcelbench.ui.theme import BASE_PT, LARGE_PT, stylesheet
from parcelbench.ui.waiting_strip import WaitingStrip
from parcelbench.ui.wedge import WedgeFilter

log = logging.getLogger(__name__)


def _card_line(view: ParcelView) -> str:
    """What the card shows, in one log line (support reads the log, not the screen)."""
    a = view.assessment
    if a is None:
        return f"{view.parsed.raw!r} not a valid parcel id ({view.parsed.error})"
    aed = "AED" if view.item is not None else "NO AED"
    level = str(a.level).upper()
    return f"{view.parsed.normalized} {level} score {a.score}, {len(a.flags)} flags, {aed}"


class IdleWatch(QObject):
    """Restarts `timer` on every key press or click anywhere in the application."""

    def __init__(self, timer: QTimer) -> None:
        super().__init__(timer)
        self.timer = timer

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        activity = event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress)
        if activity and self.timer.isActive():
            self.timer.start()
        return False


class MainWindow(QMainWindow):
    # what tests and the smoke test wait on
    logged_in = Signal(object)  # Officer
    login_failed = Signal(str)
    parcel_shown = Signal(object)
    outcome_recorded = Signal(object)
    aed_imported = Signal(object, bool)  # ImportReport, cancelled
    status_changed = Signal(object)  # BenchStatus
    refreshed = Signal()  # today's list and the status bar, after a refresh
    failed = Signal(str)  # a sentence shown to the officer

    def __init__(
        self,
        db_path: Path,
        *,
        camera: str | None = None,
        demo_accounts: str = "",
        facility: str = "Bench",
        idle_lock_minutes: float = 10.0,
        sync_interval: float = 30.0,
    ) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("ParcelBench · {facility}").format(facility=facility))
        self.facility = facility
        self.officer: Officer | None = None
        self.last_badge: str | None = None  # who worked the bench before it was locked
        self.flow: BenchFlow[ParcelView] = BenchFlow()
        self.amending: Inspection | None = None
        self._seizure_form: SeizureDialog | None = None
        self.status_facts: BenchStatus | None = None

        self.db_path = db_path
        self.tasks = Tasks(db_path, self)

        self.stack = QStackedWidget(self)
        self.login = LoginPanel(demo_accounts, self)
        self.login.submitted.connect(self.log_in)
        self.stack.addWidget(self.login)
        self.stack.addWidget(self._bench_page(camera))
        self.setCentralWidget(self.stack)
        self._actions()
        self._menus()
        self.menuBar().setEnabled(False)  # until an officer logs in
        self.rules = RulesMenu(self, self.tasks, lambda: self.officer, self.scan)
        self.rules.failed.connect(self.failed)
        self.rules.loaded.connect(lambda _label, _rules: self.refresh())
        self.sync = SyncControl(self, db_path, interval=sync_interval)
        self.sync.round_done.connect(lambda _report, _error: self.refresh())
        self.sync.round_done.connect(lambda _report, _error: self.check_account())
        self.status_changed.connect(self.sync.on_status)
        self.status_label = plain_label("", self)
        self.status_label.setObjectName("benchStatus")
        self.status_label.setWordWrap(True)  # large text on a small screen: two lines, not cut
        # a normal (not permanent) widget: a message ("… recorded") shows in its place for a few
        # seconds, then the bench's facts come back, instead of both squeezed onto one line
        self.statusBar().addWidget(self.status_label, 1)

        # Benches are shared: an idle session locks itself (the work stays behind the panel).
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(int(idle_lock_minutes * 60_000))
        self.idle.timeout.connect(self.lock)
        self.idle_watch = IdleWatch(self.idle)
        QApplication.instance().installEventFilter(self.idle_watch)

        self.wedge = WedgeFilter(parent=self).install()
        self.wedge.scanned.connect(self.scan)
        self.camera.scanned.connect(self.scan)
        self.camera.status.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.tasks.read(
            lambda desk: desk.status(),
            done=self._on_status,
            failed=self._on_failed,
            fallback=self.tr("Cannot open the bench database; the details are in the log."),
        )

    # -- layout ------------------------------------------------------------------------------
    def _bench_page(self, camera: str | None) -> QWidget:
        page = QWidget(self)
        left = QVBoxLayout()
        self.camera = CameraPanel(camera, page)
        left.addWidget(self.camera, 3)
        self.entry = ManualEntry(page)
        self.entry.submitted.connect(self.scan)
        left.addWidget(self.entry)
        left.addWidget(plain_label(self.tr("Recent (double-click to amend)"), page))
        self.search = QLineEdit(page)
        self.search.setObjectName("historySearch")
        self.search.setPlaceholderText(
            self.tr("search today's work: id, outcome, officer (Ctrl+F)")
        )
        left.addWidget(self.search)
        self.recent = RecentModel()
        self.recent_filter = QSortFilterProxyModel(self)
        self.recent_filter.setSourceModel(self.recent)
        self.recent_filter.setFilterKeyColumn(-1)
        self.recent_filter.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search.textChanged.connect(self.recent_filter.setFilterFixedString)
        self.recent_table = QTableView(page)
        self.recent_table.setObjectName("recent")
        self.recent_table.setModel(self.recent_filter)
        self.recent_table.doubleClicked.connect(self._reopen)
        self.recent_table.verticalHeader().hide()
        self.recent_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.recent_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # times, ids, levels and badges are sized to their text; only the outcome wraps
        self.recent_table.setWordWrap(True)
        self.recent_table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        header = self.recent_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RecentModel.OUTCOME, QHeaderView.ResizeMode.Stretch)
        left.addWidget(self.recent_table, 2)
        left_box = QWidget(page)
        left_box.setLayout(left)
        self.left_box = left_box

        self.card = ParcelCard(page)
        self.waiting = WaitingStrip(page)
        self.waiting.show_next.connect(self.show_next)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.waiting)
        right.addWidget(self.card, 1)
        right_box = QWidget(page)
        right_box.setLayout(right)
        split = QSplitter(Qt.Orientation.Horizontal, page)
        split.addWidget(left_box)
        split.addWidget(right_box)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([480, 880])

        bar = QHBoxLayout()
        self.buttons: dict[Outcome, QPushButton] = {}
        for key, outcome, label in (
            ("F1", Outcome.RELEASED, self.tr("Release")),
            ("F2", Outcome.REFERRED, self.tr("Refer…")),
            ("F3", Outcome.DETAINED, self.tr("Detain…")),
            ("F4", Outcome.SEIZED, self.tr("Seize…")),
            ("F5", Outcome.RETURNED_TO_SENDER, self.tr("Return")),
        ):
            button = QPushButton(f"{key} {label}", page)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, o=outcome: self.decide(o))
            bar.addWidget(button)
            self.buttons[outcome] = button
        self.exam_panel = ExamPanel(
            page,
            grab_frame=self.camera.latest_frame if self.camera.spec is not None else None,
        )
        bar.addWidget(plain_label(self.tr("Notes (F8)"), page))
        self.notes = QLineEdit(page)
        self.notes.setObjectName("notes")
        bar.addWidget(self.notes, 1)

        layout = QVBoxLayout(page)
        self.operation_banner = plain_label("", page)
        self.operation_banner.setObjectName("operationBanner")
        self.operation_banner.setStyleSheet(
            "background: #0d47a1; color: #ffffff; font-weight: 700; padding: 4px 8px;"
        )
        self.operation_banner.hide()
        layout.addWidget(self.operation_banner)
        layout.addWidget(split, 1)
        layout.addWidget(self.exam_panel)
        layout.addLayout(bar)
        self._enable_outcomes(False)
        return page

    def _actions(self) -> None:
        keys = {
            "F1": lambda: self.decide(Outcome.RELEASED),
            "F2": lambda: self.decide(Outcome.REFERRED),
            "F3": lambda: self.decide(Outcome.DETAINED),
            "F4": lambda: self.decide(Outcome.SEIZED),
            "F5": lambda: self.decide(Outcome.RETURNED_TO_SENDER),
            "Shift+F5": lambda: self.decide(Outcome.ABANDONED),
            "Ctrl+F5": lambda: self.decide(Outcome.DESTROYED),
            "F6": self.take_photo,
            "F7": lambda: self.camera.toggle_pause(),
            "F8": lambda: self.notes.setFocus(),
            "F9": self.show_next,
            "Ctrl+L": self.lock,
            "Ctrl+F": lambda: self.search.setFocus(),
            "Esc": self.back,
        }
        for key, slot in keys.items():
            action = QAction(key, self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

    def _menus(self) -> None:
        """AED import; view preferences, remembered per user with QSettings (and geometry)."""
        aed = self.menuBar().addMenu(self.tr("&AED"))
        import_action = QAction(self.tr("Import AED files… (or drop them on the window)"), self)
        import_action.triggered.connect(self._choose_aed_files)
        aed.addAction(import_action)
        holds_menu = self.menuBar().addMenu(self.tr("&Holds"))
        show_holds = QAction(self.tr("Parcels targeted for examination…"), self)
        show_holds.setShortcut(QKeySequence("Ctrl+H"))
        show_holds.triggered.connect(self.open_holds)
        holds_menu.addAction(show_holds)
        self.holds_view = HoldsView(self)
        self.holds_view.chosen.connect(self.scan)
        ops = self.menuBar().addMenu(self.tr("&Operation"))
        start_op = QAction(self.tr("Start special operation… (supervisor)"), self)
        start_op.triggered.connect(self.start_operation)
        end_op = QAction(self.tr("End special operation (supervisor)"), self)
        end_op.triggered.connect(self.end_operation)
        ops.addAction(start_op)
        ops.addAction(end_op)
        from parcelbench.ui.approvals import add_supervisor_menu
        from parcelbench.ui.followups import add_followups_menu

        add_supervisor_menu(self, lambda: self.officer, self.tasks)
        add_followups_menu(self, lambda: self.officer, self.tasks, self.scan)
        search_action = QAction(self.tr("Search AED…"), self)
        search_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        search_action.triggered.connect(self.open_search)
        aed.addAction(search_action)
        self.aed_search = AedSearch(self)
        self.aed_search.search.connect(self.search_aed)
        self.aed_search.chosen.connect(self.scan)
        self.setAcceptDrops(True)
        self.import_bar = QProgressBar(self)
        self.import_bar.setMaximumWidth(260)
        self.import_cancel = QPushButton(self.tr("Cancel import"), self)
        self.import_cancel.clicked.connect(self.cancel_import)
        for widget in (self.import_bar, self.import_cancel):
            widget.hide()
            self.statusBar().addWidget(widget)
        self.importing: Job | None = None
        settings = QSettings()
        view = self.menuBar().addMenu(self.tr("&View"))
        self.large_text = QAction(self.tr("Large text"), self, checkable=True)
        self.dark_theme = QAction(self.tr("Dark theme"), self, checkable=True)
        self.large_text.setChecked(
            settings.value(LARGE_TEXT.key, LARGE_TEXT.default, type=LARGE_TEXT.type)
        )
        self.dark_theme.setChecked(
            settings.value(DARK_THEME.key, DARK_THEME.default, type=DARK_THEME.type)
        )
        for action in (self.large_text, self.dark_theme):
            action.toggled.connect(self._apply_view)
            view.addAction(action)
        geometry = settings.value(WINDOW_GEOMETRY.key)
        self.restored_geometry = geometry is not None and self.restoreGeometry(geometry)
        self._apply_view()

    def _apply_view(self) -> None:
        large, dark = self.large_text.isChecked(), self.dark_theme.isChecked()
        settings = QSettings()
        settings.setValue(LARGE_TEXT.key, large)
        settings.setValue(DARK_THEME.key, dark)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setStyleSheet(stylesheet(dark=dark, large=large))
        self.card.set_dark(dark)
        # the left column holds a whole row of the recent list (time, id, level, badge and a
        # few words of outcome) at the chosen text size
        font = QFont(self.recent_table.font())
        font.setPointSize(LARGE_PT if large else BASE_PT)  # the style sheet's, before polish
        metrics = QFontMetrics(font)
        row = metrics.horizontalAdvance("00:00 RR473124829GB EXAMINE S2001 returned")
        self.left_box.setMinimumWidth(max(360, row + 110))

    # -- AED import ----------------------------------------------------------------------------
    def _choose_aed_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Import AED"),
            "",
            self.tr("AED files (*.xml *.jsonl *.json *.csv);;All files (*)"),
        )
        if paths:
            self.import_aed([Path(p) for p in paths])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.import_aed(paths)

    def start_operation(self) -> None:
        """The service checks the role; an officer is told plainly that it needs a supervisor."""
        if self.officer is None:
            return
        form = OperationDialog(self)
        if form.exec():
            officer, request = self.officer, form.request()
            self.tasks.write(
                lambda desk: desk.start_operation(officer, request),
                done=lambda _: self.refresh(),
                failed=self._on_failed,
            )

    def end_operation(self) -> None:
        officer = self.officer
        if officer is not None:
            self.tasks.write(
                lambda desk: desk.end_operation(officer),
                done=lambda _: self.refresh(),
                failed=self._on_failed,
            )

    def open_holds(self) -> None:
        if self.officer is not None:
            self.holds_view.show()
            self.tasks.read(
                lambda desk: desk.holds(),
                done=lambda listed: self.holds_view.show_holds(
                    listed.holds, listed.outcomes, listed.label
                ),
                failed=self._on_failed,
            )

    def search_aed(self, text: str) -> None:
        self.tasks.read(
            lambda desk: desk.search_aed(text),
            done=lambda hits: self.aed_search.show_hits(text, hits),
            failed=self._on_failed,
            fallback=self.tr("The AED search failed; try other words."),
        )

    def open_search(self) -> None:
        if self.officer is not None:
            self.aed_search.show()
            self.aed_search.query.setFocus()

    def import_aed(self, paths: list[Path]) -> None:
        """Import in the background; the officer goes on scanning."""
        if self.officer is None:
            self.statusBar().showMessage(self.tr("Log in to import AED."), 5000)
            return
        if self.importing is not None:
            self.statusBar().showMessage(self.tr("An AED import is already running."), 5000)
            return
        self.import_bar.setRange(0, 0)
        self.import_bar.show()
        self.import_cancel.show()
        self.importing = self.tasks.job(
            "parcelbench-aed-import",
            import_job(paths, self.officer.badge),
            done=self._on_import_done,
            failed=self._on_import_failed,
            progress=self._on_import_progress,
            fallback=self.tr("The AED import stopped; the details are in the log."),
        )

    def cancel_import(self) -> None:
        if self.importing is not None:
            self.importing.cancel()

    def _on_import_progress(self, p: ImportProgress) -> None:
        self.import_bar.setRange(0, 1000)
        self.import_bar.setValue(int(1000 * p.done / p.total) if p.total else 0)
        self.import_bar.setFormat(
            self.tr("{file}: {items:,} items").format(file=p.file, items=p.items)
        )

    def _end_import(self) -> None:
        self.importing = None
        self.import_bar.hide()
        self.import_cancel.hide()
        self.refresh()

    def _on_import_done(self, imported: Imported) -> None:
        report, cancelled = imported.report, imported.cancelled
        self._end_import()
        self.statusBar().showMessage(import_summary(report, cancelled), 15000)
        if report.refused or any(r.rejections for r in report.results):
            self.import_report = RejectionReport(report, self)
            self.import_report.show()
        self.aed_imported.emit(report, cancelled)

    def _on_import_failed(self, message: str) -> None:
        self._end_import()
        self._on_failed(message)

    # -- login / lock ------------------------------------------------------------------------
    def log_in(self, badge: str, pin: str) -> None:
        """Badge and PIN, checked by the service (failed attempts are counted: a write)."""
        self.tasks.write(
            lambda desk: desk.authenticate(badge, pin),
            done=self._on_login,
            failed=self._on_login_failed,
        )

    def _on_login(self, officer: Officer) -> None:
        if self.last_badge is not None and officer.badge != self.last_badge:
            self._hand_over()
        self.officer = officer
        self.last_badge = officer.badge
        self.menuBar().setEnabled(True)
        self._refresh_status()
        self.setWindowTitle(
            self.tr("ParcelBench · {facility} · {name} ({role})").format(
                facility=self.facility, name=officer.name, role=officer.role
            )
        )
        self.stack.setCurrentIndex(1)
        self.entry.edit.setFocus()
        self.idle.start()
        self.refresh()
        self.camera.start()
        self.logged_in.emit(officer)

    def _on_login_failed(self, message: str) -> None:
        self.login.fail(message)
        self.login_failed.emit(message)

    def lock(self) -> None:
        """Ctrl+L: the bench is shared; the work stays as it is behind the login panel."""
        self.officer = None
        self.idle.stop()
        self.menuBar().setEnabled(False)  # nothing in the menus works for nobody
        self._refresh_status()
        self.setWindowTitle(
            self.tr("ParcelBench · {facility} · locked").format(facility=self.facility)
        )
        self.login.reset()
        self.stack.setCurrentIndex(0)

    def check_account(self) -> None:
        """After each sync round: HQ's feed may have changed the signed-in officer's role or
        closed the account; the session follows at once, not at the next sign-in."""
        signed_in = self.officer
        if signed_in is None:
            return
        self.tasks.read(
            lambda desk: desk.account(signed_in),
            done=lambda now: self._on_account(signed_in, now),
            failed=lambda message: log.warning("account check failed: %s", message),
        )

    def _on_account(self, was: Officer, now: Officer | None) -> None:
        if self.officer is None or self.officer.badge != was.badge:
            return  # signed out or handed over meanwhile
        if now is None:
            self.lock()
            self.login.fail(self.tr("Your account was closed at HQ: ask a supervisor."))
            return
        if now.role != was.role:
            self.officer = now
            self.setWindowTitle(
                self.tr("ParcelBench · {facility} · {name} ({role})").format(
                    facility=self.facility, name=now.name, role=now.role
                )
            )
            self.statusBar().showMessage(
                self.tr("HQ changed your role to {role}").format(role=now.role), 10_000
            )

    def _hand_over(self) -> None:
        """Another officer logs in: none of the last one's parcels or notes stay on screen."""
        self.flow.clear()
        self.card.clear()
        self.notes.clear()
        self.amending = None
        self._seizure_form = None
        self._enable_outcomes(False)
        self._show_waiting()

    # -- scanning ----------------------------------------------------------------------------
    @property
    def view(self) -> ParcelView | None:
        """The parcel on the card (None when the card is empty)."""
        return self.flow.current_view

    def scan(self, event: ScanEvent) -> None:
        """Any arrival (camera, scanner, typed, a list pick): looked up unless already here.

        Never a modal question: a parcel arriving while the one on the card has no outcome
        waits in the strip above the card (see `domain.bench_flow`).
        """
        if self.officer is None:
            self.statusBar().showMessage(self.tr("Log in to scan."), 4000)
            return
        self.idle.start()  # a scan is activity too, whatever its source
        item_id = event.parsed.normalized
        arrival = self.flow.arrival(item_id, event.channel)
        if arrival is Arrival.LOOK_UP:
            badge = self.officer.badge
            self.tasks.write(
                lambda desk: desk.look_up(event, officer=badge),
                done=self._on_parcel,
                failed=self._on_failed,
                fallback=self.tr("The parcel could not be looked up; try the scan again."),
            )
        elif event.channel != "camera" and arrival is not Arrival.JUST_DECIDED:
            where = (
                self.tr("{id} is already on screen")
                if arrival is Arrival.ON_SCREEN
                else self.tr("{id} is already waiting")
            )
            self.statusBar().showMessage(where.format(id=item_id), 4000)

    def _on_parcel(self, view: ParcelView) -> None:
        place = self.flow.looked_up(
            view.parsed.normalized, view, decidable=view.assessment is not None
        )
        if place is Place.SHOWN:
            self._show(view)
            return
        if place is Place.QUEUED:
            log.info("waiting: %s", _card_line(view))
            self.cue(1)
        elif place is Place.REFUSED:
            current = self.view.parsed.display() if self.view else ""
            self.statusBar().showMessage(
                self.tr("✕ {verdict} — {current} still needs an outcome").format(
                    verdict=untrusted_id_message(view.parsed), current=current
                ),
                8000,
            )
            self.cue(3)
        self._show_waiting()

    def _show(self, view: ParcelView) -> None:
        """Put a parcel on the card (the flow has already made it the current one)."""
        amending = self.amending
        if (
            amending is not None
            and amending.item_id != view.parsed.normalized
            and amending.item_id not in self.flow.waiting_ids
        ):
            self.amending = None  # another parcel was scanned: no longer amending
        self.card.show_view(view)
        self.exam_panel.reset(view.selection)
        if self.amending is not None and self.amending.item_id == view.parsed.normalized:
            when = self.amending.at[11:16]
            self.card.aed_label.setText(
                self.tr(
                    "AMENDING the {when} UTC record ({outcome}) — the next outcome is added as a "
                    "correction; the earlier record stays. "
                ).format(when=when, outcome=words(self.amending.outcome))
                + self.card.aed_label.text()
            )
        self._enable_outcomes(view.assessment is not None)
        log.info("card: %s", _card_line(view))
        if view.assessment is None:
            self.cue(3)  # unreadable
        else:
            self.cue(2 if view.assessment.level is Level.DETAIN else 1)
        self._show_waiting()
        self.parcel_shown.emit(view)

    def _show_waiting(self) -> None:
        self.waiting.show_waiting(self.view, [view for _, view in self.flow.waiting])

    def show_next(self) -> None:
        """F9: the next waiting parcel now; the one on the card stays undecided in the scan log."""
        view = self.flow.skip()
        if view is not None:
            self._show(view)

    def cue(self, beeps: int) -> None:
        """Audible cue: one beep per confirmed scan, two for DETAIN, three for an error."""
        for i in range(beeps):
            QTimer.singleShot(180 * i, QApplication.beep)

    def _reopen(self, index: QModelIndex) -> None:
        """Show an earlier parcel again; its next outcome is recorded as an amendment."""
        row = self.recent_filter.mapToSource(index).row()
        earlier = self.recent.rows[row]
        self.amending = earlier
        self.scan(ScanEvent.of(earlier.item_id, "history"))

    # -- outcomes ----------------------------------------------------------------------------
    def _enable_outcomes(self, on: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(on)

    def take_photo(self) -> None:
        """F6: the camera's picture joins the exam, whatever the outcome will be."""
        if self.view is None or self.flow.decided:
            return
        problem = self.exam_panel.take_photo()
        self.statusBar().showMessage(problem or self.tr("Photo taken"), 4000)

    def decide(self, outcome: Outcome) -> None:
        view = self.view
        if self.officer is None or view is None or view.assessment is None or self.flow.decided:
            return
        exam = self.exam_panel.exam()
        selection = self.exam_panel.chosen_selection
        kw: dict[str, object] = {}
        if outcome is Outcome.RELEASED:
            if view.assessment.level is Level.DETAIN and not exam.findings:
                ask = FindingsDialog(self)
                if not ask.exec():
                    return
                exam = replace(exam, findings=ask.text.text().strip())
            if not exam.methods:
                # F1 with nothing ticked: released on sight, one keystroke — except at the detain
                # level, where the findings just given say the parcel was opened and looked at,
                # and when the officer chose why it was examined: then ask how
                if view.assessment.level is Level.DETAIN:
                    exam = replace(exam, methods=("visual",))
                elif self.exam_panel.reason_given:
                    self.statusBar().showMessage(self.exam_panel.ask_method(), 10000)
                    self.cue(3)
                    return
                else:
                    selection = "not_examined"
            critical = [f.rule for f in view.assessment.flags if f.severity is Severity.CRITICAL]
            if critical:
                own = self.officer.badge if self.officer.role is Role.SUPERVISOR else ""
                allow = OverrideDialog(critical, own, self)
                if not allow.exec():
                    return
                kw["override"] = Override(allow.badge.text().strip().upper(), allow.pin.text())
        elif outcome is Outcome.REFERRED:
            agency = AgencyDialog(self)
            if not agency.exec():
                return
            kw = {"agency": agency.agency, "reason": agency.reason.text().strip() or None}
        elif outcome is Outcome.DETAINED:
            notice = DetentionDialog(self)
            if not notice.exec():
                return
            made = notice.notice()
            kw = {"reason": made.reason}
            exam = replace(exam, notice=made.to_json())
        elif outcome is Outcome.RETURNED_TO_SENDER:
            back = ReturnDialog(self)
            if not back.exec():
                return
            exam = replace(exam, return_reason=back.chosen)
        elif outcome in (Outcome.ABANDONED, Outcome.DESTROYED):
            disposal = DisposalDialog(words(outcome).capitalize(), self)
            if not disposal.exec():
                return
            exam = replace(
                exam,
                witness=disposal.witness.text().strip(),
                certificate=disposal.certificate.text().strip(),
            )
        elif outcome is Outcome.SEIZED:
            form = self._seizure_form
            if form is None or form.item_id != view.parsed.normalized:
                item = view.item
                form = SeizureDialog(
                    item.contents[0].description if item and item.contents else "",
                    self,
                    grab_frame=self.camera.latest_frame if self.camera.spec is not None else None,
                    draft_key=view.parsed.normalized,
                )
                self._seizure_form = form  # kept, photos and all, until the seizure is recorded
            if not form.exec():
                return  # the draft stays: Esc is not a decision to throw the entries away
            kw = {"seizures": form.drafts(), "photos": tuple(form.photos)}
        self.flow.decide()  # one outcome per scan; a second key press does nothing
        self._enable_outcomes(False)
        officer = self.officer
        frames = (*kw.pop("photos", ()), *self.exam_panel.frames)  # type: ignore[misc]
        files = tuple(self.exam_panel.files)
        decision = Decision(
            item_id=view.parsed.normalized,
            outcome=outcome,
            notes=self.notes.text().strip() or None,
            amends=self.amending.uuid if self.amending else None,
            selection=selection,
            exam=exam,
            **kw,  # type: ignore[arg-type]
        )

        def record(desk: Desk) -> Recorded:  # photos encoded and files read off the GUI thread
            photos = [
                PhotoBytes(encode_jpeg(frame), "evidence photo")  # type: ignore[arg-type]
                for frame in frames
            ]
            for path in files:
                try:
                    data = path.read_bytes()
                except OSError as exc:
                    raise ImageError(
                        f"{path.name} could not be read ({exc.strerror}); nothing was recorded"
                    ) from None
                photos.append(
                    PhotoBytes(data, f"imported: {path.name}", image_suffix(data, path.name))
                )
            return desk.decide(officer, replace(decision, photos=tuple(photos)))

        self.tasks.write(
            record,
            done=self._on_recorded,
            failed=self._on_failed,
            fallback=self.tr("The outcome was NOT recorded (database error); try again."),
        )

    def _on_recorded(self, done: Recorded) -> None:
        form = self._seizure_form
        if form is not None and done.seizures:
            form.discard_draft()
            self._seizure_form = None
        ins = done.inspection
        number = (
            self.tr(" · seizure {number}").format(number=done.seizures[0].seizure_number)
            if done.seizures
            else ""
        )
        what = words(ins.outcome)
        self.statusBar().showMessage(
            self.tr("{id}: {what}{number} — recorded").format(
                id=ins.item_id, what=what, number=number
            ),
            6000,
        )
        self.notes.clear()
        self.card.clear()
        self.exam_panel.reset(Selection.NOT_EXAMINED)  # nothing of this exam stays for the next
        self.amending = None
        self.entry.edit.setFocus()
        self.refresh()
        self.outcome_recorded.emit(done)
        following = self.flow.done()  # the next parcel in line, if one waited
        if following is not None:
            self._show(following)
        else:
            self._show_waiting()

    def back(self) -> None:
        """Esc: an unreadable code's card goes away (a parcel without an outcome stays)."""
        if self.view is not None and self.flow.forget():
            self.card.clear()
            self._show_waiting()

    # -- status ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Today's list and the status bar's facts, read off the GUI thread."""
        self.tasks.read(
            lambda desk: (desk.today(), desk.status()),
            done=self._on_refreshed,
            failed=lambda message: log.warning("status read failed: %s", message),
        )

    def _on_refreshed(self, result: tuple[list[Inspection], BenchStatus]) -> None:
        inspections, facts = result
        self.recent.show(inspections)
        self._on_status(facts)
        self.refreshed.emit()

    def _refresh_status(self) -> None:
        if self.status_facts is not None:
            self._on_status(self.status_facts)

    def _on_status(self, facts: BenchStatus) -> None:
        self.status_facts = facts
        self.status_changed.emit(facts)
        if facts.operation is None:
            self.operation_banner.hide()
        else:
            op, n = facts.operation
            self.operation_banner.setText(
                self.tr(
                    "▌SPECIAL OPERATION “{name}” · examined {examined} · non-compliant {nc} "
                    "({rate:.1%}) · seized {seized} · random {random}"
                ).format(
                    name=op.name,
                    examined=n.examined,
                    nc=n.noncompliant,
                    rate=n.rate,
                    seized=n.seized,
                    random=n.random,
                )
            )
            self.operation_banner.show()
        who = (
            self.tr("{name} ({role})").format(name=self.officer.name, role=self.officer.role)
            if self.officer
            else self.tr("locked")
            if self.last_badge
            else self.tr("not logged in")
        )
        self.status_label.setText(
            self.tr("{who} · {sync} · {holds} · AED {aed:,} · rules {pack} · db v{db}").format(
                who=who,
                sync=sync_words(facts.sync),
                holds=facts.holds,
                aed=facts.aed_items,
                pack=facts.rulepack,
                db=facts.db_version,
            )
        )

    def _on_failed(self, message: str) -> None:
        if self.flow.recording:
            self.flow.undo_decide()  # the record did not land: the officer can try again
            self._enable_outcomes(True)
            form = self._seizure_form
            if form is not None and self.view and form.item_id == self.view.parsed.normalized:
                # nothing was recorded: the same form comes back, with its photos, and says why
                form.message.setText(message)
                QTimer.singleShot(0, lambda: self.decide(Outcome.SEIZED))
        else:
            self.flow.lost()  # a look-up that failed may be scanned again
        self.statusBar().showMessage(message, 10000)
        self.cue(3)
        log.warning("shown to officer: %s", message)
        self.failed.emit(message)

    # -- shutdown ----------------------------------------------------------------------------
    def shutdown(self) -> None:
        self.camera.stop()
        self.sync.stop()
        self.wedge.uninstall()
        self.idle.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle_watch)
        self.tasks.stop(120_000)  # cancels an import; a re-score cannot be cut short
        self.importing = None

    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings().setValue(WINDOW_GEOMETRY.key, self.saveGeometry())
        self.shutdown()
        super().closeEvent(event)
