"""The bench window: scan → parcel card and flags → one key for the outcome → recent list.

A thin layer: every question goes to the database worker (`ui.worker`) and every answer comes
back as a signal; the GUI thread only paints. The flow is the small state machine of
BENCH-UI.md — idle → parcel shown → recorded → idle — driven by scans (camera, handheld
scanner from any focus, typed id) and the function keys F1–F5.
"""

from __future__ import annotations

import logging
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
    QLabel,
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

from parcelbench.aed.importer import ImportReport
from parcelbench.domain.bench_flow import Arrival, BenchFlow, Place
from parcelbench.domain.records import Inspection, Officer, Outcome
from parcelbench.domain.risk import Level
from parcelbench.domain.settings import DARK_THEME, LARGE_TEXT, WINDOW_GEOMETRY
from parcelbench.domain.words import words
from parcelbench.ids import parse as parse_id
from parcelbench.ids import untrusted_id_message
from parcelbench.services.bench import BenchStatus, ParcelView
from parcelbench.services.outcomes import Recorded
from parcelbench.ui.aed_import import ImportJob, RejectionReport
from parcelbench.ui.aed_import import summary as import_summary
from parcelbench.ui.aed_search import AedSearch
from parcelbench.ui.camera_panel import CameraPanel
from parcelbench.ui.dialogs import (
    AgencyDialog,
    LoginPanel,
    OperationDialog,
    ReasonDialog,
    SeizureDialog,
)
from parcelbench.ui.holds_view import HoldsView
from parcelbench.ui.jobs import JobThread
from parcelbench.ui.manual_entry import ManualEntry
from parcelbench.ui.models import RecentModel
from parcelbench.ui.parcel_card import ParcelCard
from parcelbench.ui.rules import RulesMenu
from parcelbench.ui.sync_status import SyncControl, sync_words
from parcelbench.ui.theme import BASE_PT, LARGE_PT, stylesheet
from parcelbench.ui.waiting_strip import WaitingStrip
from parcelbench.ui.wedge import WedgeFilter
from parcelbench.ui.worker import OutcomeRequest, WorkerThread, snapshot

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
    # requests to the worker (queued across threads)
    request_auth = Signal(str, str)
    request_lookup = Signal(str, str, str, str)
    request_record = Signal(object)
    request_refresh = Signal()
    request_search = Signal(str)
    request_operation = Signal(str, object)
    request_holds = Signal()
    request_pack = Signal(str, str)  # badge, rule pack file
    # what tests and the smoke test wait on
    parcel_shown = Signal(object)
    outcome_recorded = Signal(object)
    aed_imported = Signal(object, bool)  # ImportReport, cancelled

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
        self.status_facts: BenchStatus | None = None

        self.worker = WorkerThread(db_path)
        w = self.worker.worker
        self.request_auth.connect(w.authenticate)
        self.request_lookup.connect(w.look_up)
        self.request_record.connect(w.record)
        self.request_refresh.connect(w.refresh)
        self.request_search.connect(w.search_aed)
        self.request_operation.connect(w.operation)
        self.request_holds.connect(w.list_holds)
        self.request_pack.connect(w.load_pack)
        w.opened.connect(self._on_status)
        w.authenticated.connect(self._on_login)
        w.auth_failed.connect(self._on_login_failed)
        w.looked_up.connect(self._on_parcel)
        w.recorded.connect(self._on_recorded)
        w.today.connect(self._on_today)
        w.status.connect(self._on_status)
        w.failed.connect(self._on_failed)

        self.stack = QStackedWidget(self)
        self.login = LoginPanel(demo_accounts, self)
        self.login.submitted.connect(self.request_auth)
        self.stack.addWidget(self.login)
        self.stack.addWidget(self._bench_page(camera))
        self.setCentralWidget(self.stack)
        self._actions()
        self._menus()
        self.menuBar().setEnabled(False)  # until an officer logs in
        self.rules = RulesMenu(self)
        self.sync = SyncControl(self, interval=sync_interval)
        self.status_label = QLabel("", self)
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
        self.wedge.scanned.connect(lambda payload: self.scan(payload, "wedge", ""))
        self.camera.scanned.connect(lambda payload, kind: self.scan(payload, "camera", kind))
        self.camera.status.connect(lambda text: self.statusBar().showMessage(text, 5000))

    # -- layout ------------------------------------------------------------------------------
    def _bench_page(self, camera: str | None) -> QWidget:
        page = QWidget(self)
        left = QVBoxLayout()
        self.camera = CameraPanel(camera, page)
        left.addWidget(self.camera, 3)
        self.entry = ManualEntry(page)
        self.entry.submitted.connect(lambda payload: self.scan(payload, "manual", ""))
        left.addWidget(self.entry)
        left.addWidget(QLabel(self.tr("Recent (double-click to amend)"), page))
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
        bar.addWidget(QLabel(self.tr("Notes (F8)"), page))
        self.notes = QLineEdit(page)
        self.notes.setObjectName("notes")
        bar.addWidget(self.notes, 1)

        layout = QVBoxLayout(page)
        self.operation_banner = QLabel("", page)
        self.operation_banner.setObjectName("operationBanner")
        self.operation_banner.setStyleSheet(
            "background: #0d47a1; color: #ffffff; font-weight: 700; padding: 4px 8px;"
        )
        self.operation_banner.hide()
        layout.addWidget(self.operation_banner)
        layout.addWidget(split, 1)
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
        self.holds_view.chosen.connect(lambda item_id: self.scan(item_id, "holds", ""))
        self.worker.worker.holds_listed.connect(self.holds_view.show_holds)
        ops = self.menuBar().addMenu(self.tr("&Operation"))
        start_op = QAction(self.tr("Start special operation… (supervisor)"), self)
        start_op.triggered.connect(self.start_operation)
        end_op = QAction(self.tr("End special operation (supervisor)"), self)
        end_op.triggered.connect(self.end_operation)
        ops.addAction(start_op)
        ops.addAction(end_op)
        from parcelbench.ui.approvals import add_supervisor_menu

        add_supervisor_menu(self, lambda: self.officer, self.worker.worker.db_path)
        search_action = QAction(self.tr("Search AED…"), self)
        search_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        search_action.triggered.connect(self.open_search)
        aed.addAction(search_action)
        self.aed_search = AedSearch(self)
        self.aed_search.search.connect(self.request_search)
        self.aed_search.chosen.connect(lambda item_id: self.scan(item_id, "search", ""))
        self.worker.worker.found.connect(self.aed_search.show_hits)
        self.setAcceptDrops(True)
        self.import_bar = QProgressBar(self)
        self.import_bar.setMaximumWidth(260)
        self.import_cancel = QPushButton(self.tr("Cancel import"), self)
        self.import_cancel.clicked.connect(self.cancel_import)
        for widget in (self.import_bar, self.import_cancel):
            widget.hide()
            self.statusBar().addWidget(widget)
        self.importing: JobThread | None = None
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
            self.request_operation.emit(self.officer.badge, form.request())

    def end_operation(self) -> None:
        if self.officer is not None:
            self.request_operation.emit(self.officer.badge, None)

    def open_holds(self) -> None:
        if self.officer is not None:
            self.holds_view.show()
            self.request_holds.emit()

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
        self.importing = JobThread(
            ImportJob(self.worker.worker.db_path, paths, self.officer.badge),
            "parcelbench-aed-import",
        )
        job = self.importing.job
        job.progress.connect(self._on_import_progress)
        job.finished.connect(self._on_import_done)
        job.failed.connect(self._on_import_failed)
        self.import_bar.setRange(0, 0)
        self.import_bar.show()
        self.import_cancel.show()
        self.importing.start()

    def cancel_import(self) -> None:
        if self.importing is not None:
            self.importing.job.cancel()

    def _on_import_progress(self, name: str, items: int, done: int, total: int) -> None:
        self.import_bar.setRange(0, 1000)
        self.import_bar.setValue(int(1000 * done / total) if total else 0)
        self.import_bar.setFormat(self.tr("{file}: {items:,} items").format(file=name, items=items))

    def _end_import(self) -> None:
        if self.importing is not None:
            self.importing.wait()
            self.importing = None
        self.import_bar.hide()
        self.import_cancel.hide()
        self.request_refresh.emit()

    def _on_import_done(self, report: ImportReport, cancelled: bool) -> None:
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
        self.request_refresh.emit()
        self.camera.start()

    def _on_login_failed(self, message: str) -> None:
        self.login.fail(message)

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

    def _hand_over(self) -> None:
        """Another officer logs in: none of the last one's parcels or notes stay on screen."""
        self.flow.clear()
        self.card.clear()
        self.notes.clear()
        self.amending = None
        self._enable_outcomes(False)
        self._show_waiting()

    # -- scanning ----------------------------------------------------------------------------
    @property
    def view(self) -> ParcelView | None:
        """The parcel on the card (None when the card is empty)."""
        return self.flow.current_view

    def scan(self, payload: str, source: str, symbology: str) -> None:
        """Any arrival (camera, scanner, typed, a list pick): looked up unless already here.

        Never a modal question: a parcel arriving while the one on the card has no outcome
        waits in the strip above the card (see `domain.bench_flow`).
        """
        if self.officer is None:
            self.statusBar().showMessage(self.tr("Log in to scan."), 4000)
            return
        self.idle.start()  # a scan is activity too, whatever its source
        item_id = parse_id(payload).normalized
        arrival = self.flow.arrival(item_id, source)
        if arrival is Arrival.LOOK_UP:
            self.request_lookup.emit(payload, source, symbology, self.officer.badge)
        elif source != "camera" and arrival is not Arrival.JUST_DECIDED:
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
            self.cue(2 if view.assessment.level is Level.HOLD else 1)
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
        """Audible cue: one beep per confirmed scan, two for HOLD, three for an error."""
        for i in range(beeps):
            QTimer.singleShot(180 * i, QApplication.beep)

    def _reopen(self, index: QModelIndex) -> None:
        """Show an earlier parcel again; its next outcome is recorded as an amendment."""
        row = self.recent_filter.mapToSource(index).row()
        earlier = self.recent.rows[row]
        self.amending = earlier
        self.scan(earlier.item_id, "history", "")

    # -- outcomes ----------------------------------------------------------------------------
    def _enable_outcomes(self, on: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(on)

    def decide(self, outcome: Outcome) -> None:
        view = self.view
        if self.officer is None or view is None or view.assessment is None or self.flow.decided:
            return
        kw: dict[str, object] = {}
        if outcome is Outcome.REFERRED:
            agency = AgencyDialog(self)
            if not agency.exec():
                return
            kw = {"agency": agency.agency, "reason": agency.reason.text().strip() or None}
        elif outcome is Outcome.DETAINED:
            reason = ReasonDialog(self.tr("Detain"), self)
            if not reason.exec() or not reason.text.text().strip():
                return
            kw = {"reason": reason.text.text().strip()}
        elif outcome is Outcome.SEIZED:
            item = view.item
            form = SeizureDialog(
                item.contents[0].description if item and item.contents else "",
                self,
                grab_frame=self.camera.latest_frame if self.camera.spec is not None else None,
                draft_key=view.parsed.normalized,
            )
            if not form.exec():
                return  # the draft stays: Esc is not a decision to throw the entries away
            kw = {"seizure": form.draft(), "photos": tuple(form.photos)}
            self._seizure_form = form  # its draft is discarded once the seizure is recorded
        self.flow.decide()  # one outcome per scan; a second key press does nothing
        self._enable_outcomes(False)
        self.request_record.emit(
            OutcomeRequest(
                badge=self.officer.badge,
                item_id=view.parsed.normalized,
                outcome=outcome,
                notes=self.notes.text().strip() or None,
                targeted=not view.assessment.random_exam,
                risk=snapshot(view),
                amends=self.amending.uuid if self.amending else None,
                **kw,  # type: ignore[arg-type]
            )
        )

    def _on_recorded(self, done: Recorded) -> None:
        form = getattr(self, "_seizure_form", None)
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
        self.amending = None
        self.entry.edit.setFocus()
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
    def _on_today(self, inspections: list) -> None:
        self.recent.show(inspections)

    def _refresh_status(self) -> None:
        if self.status_facts is not None:
            self._on_status(self.status_facts)

    def _on_status(self, facts: BenchStatus) -> None:
        self.status_facts = facts
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
        else:
            self.flow.lost()  # a look-up that failed may be scanned again
        self.statusBar().showMessage(message, 10000)
        self.cue(3)
        log.warning("shown to officer: %s", message)

    # -- shutdown ----------------------------------------------------------------------------
    def shutdown(self) -> None:
        self.camera.stop()
        self.rules.stop()
        self.sync.stop()
        if self.importing is not None:
            self.importing.stop()
            self.importing = None
        self.wedge.uninstall()
        self.idle.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle_watch)
        self.worker.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings().setValue(WINDOW_GEOMETRY.key, self.saveGeometry())
        self.shutdown()
        super().closeEvent(event)
