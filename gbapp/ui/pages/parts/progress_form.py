"""The progress report form, built to be filled from the keyboard alone.

Tab walks the fields in reading order; Ctrl+S saves; Enter on the last field (completion date)
saves and moves on to the next activity; Ctrl+Down or PageDown / Ctrl+Up or PageUp go to the
next / previous activity (saving first when something changed).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from ....domain.entities import REPORTED_STATUSES, ProgressReport
from ....domain.model import STATUS_LABELS, Status
from ....domain.validation import (
    InvalidInput,
    check_progress,
    field_date,
    field_number,
    format_count,
    format_money,
    parse_count,
    parse_money,
    parse_percent,
)
from ...widgets.date_edit import DateEdit
from ...widgets.line_edit import LineEdit
from ...widgets.text_edit import TextEdit
from .forms import ErrorDisplay
from .labels import tr

_DONE = (Status.DONE_ON_TIME, Status.DONE_LATE)


def _number_edit(width: int | None = None) -> QLineEdit:
    """A figure's field. It takes whatever is typed or pasted ("1,234", "80 %", "15.000.000 đ"):
    what is not a number is said under the field on saving. (A validator refused pasted text
    without a word, and refusing Unikey's "d" before its "đ" made the Backspace that follows
    delete a digit: "1500000đ" became "150000đ".)"""
    edit = LineEdit()  # a pasted cell's tab or Word mark goes
    edit.setMaxLength(40)
    edit.setAlignment(Qt.AlignmentFlag.AlignRight)
    if width:
        edit.setMaximumWidth(width)
    return edit


def _beside(text: str, field: QWidget) -> QLabel:
    """A label that stays level with its one-line field when an error line below the field
    makes the row taller (a label centred in the row would slide down beside the error)."""
    label = QLabel(text)
    label.setMinimumHeight(field.sizeHint().height())
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return label


def _text_edit(height: int = 66) -> QPlainTextEdit:
    edit = TextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    return edit


class ProgressForm(QWidget):
    """load(report, base) / value() of one activity's report for one agency and period."""

    save_requested = Signal(bool)  # True: move on to the next activity after saving
    move_requested = Signal(int)  # +1 next activity, -1 previous

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._base = ProgressReport()
        self.today = dt.date.today
        self.errors = ErrorDisplay()
        self.status = QComboBox()
        for status in REPORTED_STATUSES:
            # One "done": on time or late follows from the completion and due dates.
            label = "Hoàn thành" if status == Status.DONE_ON_TIME else STATUS_LABELS[status]
            self.status.addItem(tr(label), status)
        self.percent = _number_edit(80)
        self.result = _text_edit(96)
        self.sessions = _number_edit(110)
        self.participants = _number_edit(110)
        self.men = _number_edit(110)
        self.women = _number_edit(110)
        self.evidence = LineEdit()
        self.evidence.setPlaceholderText(self.tr("Số, ký hiệu văn bản báo cáo, ví dụ 45/BC-SNV"))
        self.difficulties = _text_edit()
        self.proposals = _text_edit()
        self.spending = _number_edit(170)
        self.spending.setPlaceholderText(self.tr("ví dụ 15.000.000"))
        self.completed_on = DateEdit()
        self.completed_on.setMaximumWidth(130)
        self.save_button = QPushButton(self.tr("Lưu (Ctrl+S)"))  # placed by the page
        self.hint = QLabel(self.tr("Tab: ô tiếp theo · Ctrl+S: lưu · Enter ở ô cuối: lưu và sang "
                                   "hoạt động sau · Ctrl+↓ / PageDown: hoạt động sau · Esc: bỏ "
                                   "phần đang nhập"))
        self.hint.setStyleSheet("color: #616161;")
        self.hint.setWordWrap(True)
        # where a new report's pre-filled values come from (load(carried_from=…))
        self.carried = QLabel()
        self.carried.setStyleSheet("color: #1565c0;")
        self.carried.setWordWrap(True)
        self.carried.hide()

        e = self.errors.add
        top = Qt.AlignmentFlag.AlignTop
        figures = QWidget()
        figures_grid = QGridLayout(figures)
        figures_grid.setContentsMargins(0, 0, 0, 0)
        for n, (label, key, editor) in enumerate((
                (self.tr("Số cuộc, buổi"), "sessions", self.sessions),
                (self.tr("Số người tham gia"), "participants", self.participants),
                (self.tr("Nam"), "men", self.men),
                (self.tr("Nữ"), "women", self.women))):
            figures_grid.addWidget(QLabel(label), 0, n)
            figures_grid.addWidget(e(key, editor), 1, n, top)
        # (label, field, on the row of the one before when the form is wide)
        self._fields: list[tuple[QWidget, QWidget, bool]] = [
            (_beside(self.tr("Tình trạng"), self.status), e("status", self.status), False),
            (_beside(self.tr("Tỷ lệ hoàn thành (%)"), self.percent), e("percent", self.percent),
             True),
            (QLabel(self.tr("Kết quả thực hiện")), e("result", self.result), False),
            (QLabel(self.tr("Số liệu")), figures, False),
            (_beside(self.tr("Văn bản minh chứng"), self.evidence), e("evidence", self.evidence),
             False),
            (QLabel(self.tr("Khó khăn, vướng mắc")), e("difficulties", self.difficulties), False),
            (QLabel(self.tr("Đề xuất, kiến nghị")), e("proposals", self.proposals), True),
            (_beside(self.tr("Kinh phí đã chi (đồng)"), self.spending),
             e("spending", self.spending), False),
            (_beside(self.tr("Ngày hoàn thành"), self.completed_on),
             e("completed_on", self.completed_on), True),
        ]
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        # the widths the form needs laid out in pairs and one field a row: a narrow window
        # (a laptop at 150 %) gets the fields one under the other, each as wide as the form,
        # rather than «Đề xuất, kiến nghị» a box 90 pixels wide and the activities' list, beside
        # the form, two columns of four
        self._narrow = True
        self._arrange(narrow=True)
        self._narrow_width = self._grid.minimumSize().width()
        self._arrange(narrow=False)
        self._wide_width = self._grid.minimumSize().width()

        chain = self.editors()  # then the save button, where the page puts it
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
        for editor in [*chain, self.save_button]:
            editor.installEventFilter(self)
        self.status.currentIndexChanged.connect(self._status_changed)
        self.status.activated.connect(self._status_chosen)
        self.save_button.clicked.connect(lambda: self.save_requested.emit(False))
        self._snapshot = self._texts()
        self._stored = False  # the form shows a report already saved
        self._chosen = False  # the status was picked by hand (even the one shown)

    # layout -------------------------------------------------------------------------------------

    def _arrange(self, narrow: bool) -> None:
        """Lay the fields out in pairs (wide) or one a row (narrow); the hint closes the form.
        The save button is not in it: the page keeps it in sight under the form."""
        if narrow == self._narrow and self._grid.count():
            return
        self._narrow = narrow
        grid = self._grid
        while grid.count():
            grid.takeAt(0)
        for column in range(4):
            grid.setColumnStretch(column, 0)
        grid.setColumnStretch(1, 1)
        if not narrow:
            grid.setColumnStretch(3, 1)
        fields = self._fields
        row = -1
        for n, (label, field, paired) in enumerate(fields):
            beside = paired and not narrow  # the second of a pair, on its first's row
            if not beside:
                row += 1
            pair_follows = not narrow and n + 1 < len(fields) and fields[n + 1][2]
            column = 2 if beside else 0
            grid.addWidget(label, row, column, Qt.AlignmentFlag.AlignTop)
            # alone on its row, a field takes the row's width
            grid.addWidget(field, row, column + 1, 1, 1 if beside or pair_follows else 3)
        grid.addWidget(self.carried, row + 1, 1, 1, 3)
        grid.addWidget(self.hint, row + 2, 1, 1, 3)
        self.updateGeometry()

    def is_narrow(self) -> bool:
        return self._narrow

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """As narrow as the fields one a row can be: the form lays itself out so when the room
        it is given is less than its pairs need (resizeEvent)."""
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self._narrow_width), hint.height())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._arrange(narrow=event.size().width() < self._wide_width)

    def editors(self) -> list[QWidget]:
        """The fields in Tab order; the last one is the completion date."""
        return [self.status, self.percent, self.result, self.sessions, self.participants,
                self.men, self.women, self.evidence, self.difficulties, self.proposals,
                self.spending, self.completed_on]

    # load / value ------------------------------------------------------------------------------

    def load(self, report: ProgressReport | None, base: ProgressReport,
             carried_from: str = "") -> None:
        """Show *report*, or a new one for (activity, agency, period) of *base*, with the
        values *base* carries from the agency's report *carried_from* (a line says so)."""
        self.carried.setText(carried_from if report is None else "")
        self.carried.setVisible(bool(carried_from) and report is None)
        self._base = report or base
        r = self._base
        status = Status(r.status)
        if status == Status.DONE_LATE:
            status = Status.DONE_ON_TIME  # lateness is derived from the dates, not typed
        elif status == Status.OVERDUE:
            status = Status.IN_PROGRESS
        self.status.blockSignals(True)
        self.status.setCurrentIndex(max(self.status.findData(status), 0))
        self.status.blockSignals(False)
        self.percent.setText(format_count(r.percent))
        self.result.setPlainText(r.result)
        self.sessions.setText(format_count(r.sessions))
        self.participants.setText(format_count(r.participants))
        self.men.setText(format_count(r.men))
        self.women.setText(format_count(r.women))
        self.evidence.setText(r.evidence)
        self.difficulties.setPlainText(r.difficulties)
        self.proposals.setPlainText(r.proposals)
        self.spending.setText(format_money(r.spending))
        self.completed_on.set_date(r.completed_on)
        self.errors.clear()
        self._snapshot = self._texts()
        self._stored = report is not None and report.id is not None
        self._chosen = False

    def value(self) -> ProgressReport:
        """The report as typed; raises InvalidInput (shown next to the fields) when it is wrong."""
        errors: dict[str, str] = {}
        status = Status(self.status.currentData())
        numbers = {key: field_number(parse_percent if key == "percent" else parse_count,
                                     getattr(self, key).text(), errors, key)
                   for key in ("percent", "sessions", "participants", "men", "women")}
        spending = field_number(parse_money, self.spending.text(), errors, "spending")
        completed = field_date(self.completed_on.text(), errors, "completed_on")
        check_progress(status, numbers["percent"], numbers["participants"], numbers["men"],
                       numbers["women"], completed, self.today(), errors)
        self.errors.show({k: tr(v) for k, v in errors.items()})
        if errors:
            raise InvalidInput(errors)
        return dataclasses.replace(
            self._base, status=status, result=self.result.toPlainText().strip(),
            evidence=self.evidence.text().strip(),
            difficulties=self.difficulties.toPlainText().strip(),
            proposals=self.proposals.toPlainText().strip(), spending=spending,
            completed_on=completed, is_sample=False, **numbers)

    def is_dirty(self) -> bool:
        return self._texts() != self._snapshot

    def is_untouched_new(self) -> bool:
        """An agency with no report yet, and nothing typed or picked: saving it would record
        a report "Chưa triển khai" that the agency never sent (and count it as reported)."""
        return not self._stored and not self._chosen and not self.is_dirty()

    def show_nothing_to_save(self) -> None:
        self.errors.show({"status": self.tr(
            "Chưa nhập gì: chọn tình trạng hoặc ghi kết quả của cơ quan rồi mới lưu.")})
        self.status.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_first(self) -> None:
        self.status.setFocus(Qt.FocusReason.OtherFocusReason)

    # keyboard -----------------------------------------------------------------------------------

    def _command(self, event: QKeyEvent, source: QObject) -> tuple[str, int] | None:
        key, mods = event.key(), event.modifiers()
        ctrl = mods & Qt.KeyboardModifier.ControlModifier
        if ctrl and key == Qt.Key.Key_S:
            return ("save", 0)
        if (ctrl and key == Qt.Key.Key_Down) or (key == Qt.Key.Key_PageDown and not ctrl):
            return ("move", 1)
        if (ctrl and key == Qt.Key.Key_Up) or (key == Qt.Key.Key_PageUp and not ctrl):
            return ("move", -1)
        if source is self.completed_on and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return ("save_next", 0)
        if key == Qt.Key.Key_Escape and not mods and self.is_dirty():
            return ("revert", 0)  # typing by mistake: Esc drops it before it is saved
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            command = self._command(event, watched)  # type: ignore[arg-type]
            if command is not None:
                if event.type() == QEvent.Type.ShortcutOverride:
                    event.accept()  # ours, not a window shortcut's
                    return True
                name, step = command
                if name == "save":
                    self.save_requested.emit(False)
                elif name == "save_next":
                    self.save_requested.emit(True)
                elif name == "revert":
                    from ...dialogs import messages

                    if messages.ask_drop(self, self.tr("báo cáo này")):
                        self.revert()
                else:
                    self.move_requested.emit(step)
                return True
        return super().eventFilter(watched, event)

    def revert(self) -> None:
        """The report as loaded, without what was typed since (Esc)."""
        self.load(self._base, self._base)

    def _status_chosen(self) -> None:
        self._chosen = True
        self.errors.clear()

    def _status_changed(self) -> None:
        if self.status.currentData() in _DONE and not self.percent.text().strip():
            self.percent.setText("100")

    def _texts(self) -> tuple:
        return (self.status.currentData(), self.percent.text(), self.result.toPlainText(),
                self.sessions.text(), self.participants.text(), self.men.text(),
                self.women.text(), self.evidence.text(), self.difficulties.toPlainText(),
                self.proposals.toPlainText(), self.spending.text(), self.completed_on.text())
