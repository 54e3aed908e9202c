"""The plan page: the item tree beside the form of the selected item and the plan's metadata.

Every change goes through ctx.perform (one undo step) and the tree is re-read afterwards, so
labels renumber at once; the selection follows the item that was moved or added.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QScrollArea,
    QSplitter,
    QStyle,
    QTabWidget,
    QToolBar,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...domain.numbering import is_task_group, legal_reference
from ...services import editing as edits
from ...store import agencies, assignments, indicators, items, plans
from ..context import AppContext
from ..dialogs import messages
from ..forms.activity_form import ActivityForm
from ..forms.plan_form import PlanForm
from ..models.plan_tree import PlanTreeModel
from ..workers import busy_cursor, run_task, user_input_blocked

PLAN_FILES = "Kế hoạch (*.txt *.docx);;Tất cả các tệp (*)"
SAVE_NOTICE_ITEMS = 200  # a plan this large says "Đang lưu kế hoạch…" as soon as it is stored
SAVE_NOTICE_DELAY_MS = 400  # a smaller one only if its save takes this long


class PlanPage(QWidget):
    status_message = Signal(str)
    import_finished = Signal(object)  # the new plan id, or None if nothing was saved

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = PlanTreeModel(self)
        self.preview = None  # the import preview dialog while it is open
        self._progress: QProgressDialog | None = None
        self._import_token = 0  # of the newest read: an older one's result is dropped
        self._current_id: int | None = None
        self._came_from: dict[int, int] = {}  # item inserted or brought back -> where the user was
        self._switching = False
        self._saving: str | None = None  # 'item' or 'plan' while that form saves
        self._storing: ExitStack | None = None  # while an imported plan is stored

        self.plan_combo = QComboBox(self)
        self.plan_combo.setMinimumContentsLength(20)  # it stretches; the toolbar must fit at 1024 px
        self.plan_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.setColumnWidth(0, 110)
        self.tree.setColumnWidth(2, 150)
        self.form = ActivityForm(self)
        self.plan_form = PlanForm(self)
        self.toolbar = QToolBar(self)
        self._make_actions()

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        # The form keeps the width its fields need; on a narrow screen the tree gives way.
        scroll.setMinimumWidth(self.form.minimumSizeHint().width()
                               + scroll.verticalScrollBar().sizeHint().width()
                               + 2 * scroll.frameWidth())
        plan_scroll = QScrollArea(self)
        plan_scroll.setWidgetResizable(True)
        plan_scroll.setWidget(self.plan_form)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(scroll, self.tr("Mục đang chọn"))
        self.tabs.addTab(plan_scroll, self.tr("Thông tin kế hoạch"))
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([760, 560])
        self.empty = QLabel(self.tr("Chưa có kế hoạch nào. Hãy nhập kế hoạch từ tệp .docx/.txt "
                                    "(Nhập kế hoạch…) hoặc tạo kế hoạch mới."), self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Kế hoạch:"), self))
        top.addWidget(self.plan_combo, 1)
        top.addWidget(self.toolbar)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.splitter, 1)

        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        self.form.save_requested.connect(self.save_item)
        self.form.changed.connect(self._on_form_changed)
        self.plan_form.save_requested.connect(self.save_plan)
        self.plan_combo.activated.connect(self._on_plan_picked)
        ctx.data_changed.connect(self.reload)
        ctx.plan_changed.connect(lambda _id: self.load_plan())
        self.load_plan()

    # -- actions ------------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, icon=None, tree_only: bool = True) -> QAction:
        action = QAction(text, self)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        if shortcut:
            keys = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setToolTip(f"{text} ({QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText)})")
        if tree_only:  # Alt+arrows and Delete act on the tree, not inside a text field
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.tree.addAction(action)
        action.triggered.connect(slot)
        if tree_only:
            self.toolbar.addAction(action)
        else:  # the two file actions show their text
            button = QToolButton(self.toolbar)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            self.toolbar.addWidget(button)
        return action

    def _make_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.add_sibling_action = self._action(self.tr("Thêm mục cùng cấp"), self.add_sibling,
                                               "Insert", sp.SP_FileDialogNewFolder)
        self.add_child_action = self._action(self.tr("Thêm mục con"), self.add_child,
                                             "Shift+Insert", sp.SP_FileDialogDetailedView)
        self.up_action = self._action(self.tr("Chuyển lên"), self.move_up,
                                      ["Alt+Up", "Ctrl+Up"], sp.SP_ArrowUp)
        self.down_action = self._action(self.tr("Chuyển xuống"), self.move_down,
                                        ["Alt+Down", "Ctrl+Down"], sp.SP_ArrowDown)
        self.outdent_action = self._action(self.tr("Lùi ra một cấp"), self.outdent,
                                           ["Alt+Left", "Ctrl+Left"], sp.SP_ArrowLeft)
        self.indent_action = self._action(self.tr("Thụt vào một cấp"), self.indent,
                                          ["Alt+Right", "Ctrl+Right"], sp.SP_ArrowRight)
        self.delete_action = self._action(self.tr("Xóa mục"), self.delete_item, "Delete",
                                          sp.SP_TrashIcon)
        self.toolbar.addSeparator()
        self.new_plan_action = self._action(self.tr("Kế hoạch mới"), self.new_plan, None,
                                            sp.SP_FileIcon, tree_only=False)
        self.import_action = self._action(self.tr("Nhập kế hoạch…"), lambda: self.import_plan(),
                                          None, sp.SP_DialogOpenButton, tree_only=False)

    def _update_actions(self) -> None:
        item = self.model.get(self._current_id) if self._current_id else None
        has_plan = self.ctx.plan_id is not None
        for action in (self.add_sibling_action, self.add_child_action):
            action.setEnabled(has_plan)
        self.add_child_action.setEnabled(item is not None)
        self.up_action.setEnabled(item is not None and item.position > 1)
        self.indent_action.setEnabled(item is not None and item.position > 1)
        self.outdent_action.setEnabled(item is not None and item.parent_id is not None)
        self.down_action.setEnabled(item is not None)
        self.delete_action.setEnabled(item is not None)

    # -- loading ------------------------------------------------------------------------------
    def load_plan(self) -> None:
        """Show the context's current plan from scratch."""
        db = self.ctx.db
        self._fill_plan_combo()
        has_plan = self.ctx.plan_id is not None
        self.empty.setVisible(not has_plan)
        self.splitter.setVisible(has_plan)
        self.model.set_plan(db, self.ctx.plan_id)
        for row in range(self.model.rowCount()):  # open the sections, unless they are huge
            index = self.model.index(row, 0)
            section = self.model.item(index)
            if section is not None and section.child_count <= 200:
                self.tree.expand(index)
        plan = plans.get(db, self.ctx.plan_id) if has_plan else None
        self.plan_form.load(plan)
        first = self.model.index(0, 0)
        self._current_id = None
        self._came_from.clear()
        self._load_form(None)
        if first.isValid():
            self.tree.setCurrentIndex(first)
        self._update_actions()

    def _fill_plan_combo(self) -> None:
        self.plan_combo.blockSignals(True)
        self.plan_combo.clear()
        for plan in plans.list_plans(self.ctx.db):
            number = plan.number or self.tr("(chưa có số)")
            self.plan_combo.addItem(f"{number} — {plan.title or ''}", plan.id)
        index = self.plan_combo.findData(self.ctx.plan_id)
        self.plan_combo.setCurrentIndex(index)
        self.plan_combo.blockSignals(False)

    def _on_plan_picked(self, row: int) -> None:
        plan_id = self.plan_combo.itemData(row)
        if plan_id == self.ctx.plan_id:
            return
        if not self._settle_edits(plan_form=True) or not self._settle_other_pages():
            # the user stays on the plan being edited, and the combo says so
            self.plan_combo.blockSignals(True)
            self.plan_combo.setCurrentIndex(self.plan_combo.findData(self.ctx.plan_id))
            self.plan_combo.blockSignals(False)
            return
        self.ctx.set_plan(plan_id)

    def reload(self) -> None:
        """After any change, undo or redo: re-read the tree, keep expansion and selection."""
        if self.ctx.plan_id is not None and plans.get(self.ctx.db, self.ctx.plan_id) is None:
            self.ctx.set_plan(plans.latest_id(self.ctx.db))  # the plan went (undo of an import)
            return
        if self.ctx.plan_id is None and (latest := plans.latest_id(self.ctx.db)) is not None:
            self.ctx.set_plan(latest)  # a plan came back with no plan open (redo of an import)
            return
        if self.plan_combo.findData(self.ctx.plan_id) < 0 or \
                self.plan_combo.count() != len(plans.list_plans(self.ctx.db)):
            self._fill_plan_combo()
        expanded = [i for i in self.model._children if i and
                    self.tree.isExpanded(self.model.index_for_id(i))]
        keep = self._current_id
        loaded = self.model.loaded_ids()
        # where to go if the current item goes (an insert undone): where the user was before it
        # came, else its neighbour, else its parent
        fallbacks = [self._came_from.get(keep)] + self.model.neighbours(keep) if keep else []
        self._switching = True
        self.model.refresh()
        for item_id in expanded:
            index = self.model.index_for_id(item_id)
            if index.isValid():
                self.tree.setExpanded(index, True)
        self._switching = False
        self.empty.setVisible(self.ctx.plan_id is None)
        self.splitter.setVisible(self.ctx.plan_id is not None)
        # A change made elsewhere (another page, undo) never overwrites what the user is typing:
        # forms with unsaved edits keep them, and saving them is still the user's choice.
        plan = plans.get(self.ctx.db, self.ctx.plan_id) if self.ctx.plan_id else None
        plan_kept = self._saving != "plan" and plan is not None and self.plan_form.is_dirty() and \
            self.plan_form.plan_id() == plan.id
        if not plan_kept:
            self.plan_form.load(plan)
        item_kept = self.form.dirty and self._saving != "item"
        kept = keep is not None and self.model.index_for_id(keep).isValid()
        # an item that came back (a delete undone, an insert redone) is where the user's eyes go
        came = self._first_new(loaded)
        if came is not None and not (kept and item_kept):
            if keep is not None:
                self._came_from[came] = keep
            if not kept and item_kept:
                self.status_message.emit(self.tr(
                    "Mục đang sửa không còn (vừa hoàn tác): nội dung chưa lưu của nó đã bị bỏ."))
            self.select_item(came, force_reload=True)
        elif kept:
            if item_kept:
                self._select_quietly(keep)
                self.status_message.emit(self.tr(
                    "Dữ liệu vừa thay đổi; nội dung đang sửa của mục này chưa lưu "
                    "và được giữ nguyên."))
            else:
                self.select_item(keep, force_reload=True)
        else:
            if item_kept and keep is not None:
                self.status_message.emit(self.tr(
                    "Mục đang sửa không còn (vừa hoàn tác): nội dung chưa lưu của nó đã bị bỏ."))
            self._current_id = None
            place = next((i for i in fallbacks if i and self.model.index_for_id(i).isValid()),
                         None)
            if place is not None:  # the tree keeps a current item: Down goes on from there
                self.select_item(place, force_reload=True)
            else:
                self._load_form(None)
        if plan_kept:
            self.status_message.emit(self.tr(
                "Dữ liệu vừa thay đổi; thông tin kế hoạch đang sửa chưa lưu và được giữ nguyên."))
        self._update_actions()

    def _first_new(self, loaded: set[int]) -> int | None:
        """The first item read now that was not before (the top of a branch brought back),
        None when none came or the tree was not read before."""
        if not loaded:
            return None
        new = self.model.loaded_ids() - loaded
        tops = [i for i in new if (self.model.get(i).parent_id or 0) not in new]
        return min(tops, key=lambda i: self._tree_position(i)) if tops else None

    def _tree_position(self, item_id: int) -> list[int]:
        index, rows = self.model.index_for_id(item_id), []
        while index.isValid():
            rows.insert(0, index.row())
            index = index.parent()
        return rows

    def _select_quietly(self, item_id: int) -> None:
        """Select *item_id* in the tree without reloading the form."""
        index = self.model.index_for_id(item_id)
        self._switching = True
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self._switching = False

    def select_item(self, item_id: int, *, force_reload: bool = False) -> bool:
        """Select *item_id* in the tree (expanding its branch) and show it in the form."""
        index = self.model.index_for_id(item_id)
        if not index.isValid():
            return False
        parent = index.parent()
        while parent.isValid():
            self.tree.setExpanded(parent, True)
            parent = parent.parent()
        if self._current_id == item_id and not force_reload:
            self.tree.setCurrentIndex(index)
            return True
        if not force_reload and not self._settle_item_edits():
            return False  # the user stays on the item being edited
        self._switching = True
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self._switching = False
        self.tree.scrollTo(index)
        self._current_id = item_id
        self._load_form(item_id)
        self.tabs.setCurrentIndex(0)
        self._update_actions()
        return True

    def current_item_id(self) -> int | None:
        return self._current_id

    def _on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._switching:
            return
        new_id = self.model.item_id(current)
        if new_id == self._current_id:
            return
        if not self._settle_item_edits():
            QTimer.singleShot(0, lambda keep=self._current_id: self.select_item(keep))
            return
        self._current_id = new_id
        self._load_form(new_id)
        self._update_actions()

    def _settle_item_edits(self) -> bool:
        """Before the item form shows another item: save or drop its unsaved edits, as the user
        chooses. False when the user cancels (or saving failed: the red fields say why)."""
        if not self.form.dirty or self._current_id is None:
            return True
        item = items.get(self.ctx.db, self._current_id)
        answer = messages.ask_save(self, self.tr("Chưa lưu"), self.tr(
            "Mục %1 đang sửa chưa được lưu. Lưu lại trước khi tiếp tục?")
            .replace("%1", item.ref if item else ""))
        if answer == "save":
            return self.save_item()
        return answer == "discard"

    def _settle_edits(self, *, plan_form: bool = False) -> bool:
        """Before a change that reloads the item form (an insert, a move, another plan): save or
        drop its unsaved edits as the user chooses, and with *plan_form* those of the plan's
        form too. False when the user cancels (or a save failed): then nothing may change."""
        if not self._settle_item_edits():
            self.tabs.setCurrentIndex(0)
            return False
        if self.form.dirty:  # dropped: show what is stored, so no reload keeps the edits
            self._load_form(self._current_id)
        if plan_form and self.plan_form.is_dirty():
            answer = messages.ask_save(self, self.tr("Chưa lưu"), self.tr(
                "Thông tin kế hoạch đang sửa chưa được lưu. Lưu lại trước khi tiếp tục?"))
            if answer == "cancel" or (answer == "save" and not self.save_plan()):
                self.tabs.setCurrentIndex(1)
                return False
            if self.plan_form.is_dirty():  # dropped
                plan_id = self.plan_form.plan_id()
                self.plan_form.load(plans.get(self.ctx.db, plan_id) if plan_id else None)
        return True

    def _settle_other_pages(self) -> bool:
        """Before another plan is shown: the other pages' unsaved edits (a progress report
        being typed) are asked about too, not saved or dropped behind the user's back."""
        pages = getattr(self.window(), "pages", {})
        return all(page.maybe_leave() for page in list(pages.values())
                   if page is not self and hasattr(page, "maybe_leave"))

    def maybe_leave(self) -> bool:
        """Before the database closes or an undo: save or drop unsaved edits of the item and
        plan forms, which then show what is stored."""
        return self._settle_edits(plan_form=True)

    def _load_form(self, item_id: int | None) -> None:
        db = self.ctx.db
        self.form.set_choices(agencies.list_agencies(db, include_inactive=False),
                              indicators.list_indicators(db))
        item = items.get(db, item_id) if item_id else None
        if item is None:
            self.form.load(None)
            return
        chain = items.ancestors(db, item.id)
        legal = legal_reference([(i.kind, i.label.upper() if is_task_group(i.kind, i.source_label)
                                   else i.label) for i in chain])
        heading = self.tr("Mục %1").replace("%1", item.ref)
        if legal and legal != heading:  # a section is just "Mục I", not "Mục I — Mục I"
            heading += f" — {legal}"
        plan = plans.get(db, item.plan_id)
        self.form.load(item, assignments.for_item(db, item.id), indicators.linked(db, item.id),
                       heading=heading, year=plan.year if plan else None,
                       year_to=plan.year_to if plan else None)

    def _on_form_changed(self) -> None:
        if not self.form.dirty and self._current_id is not None:  # "Hoàn lại" was pressed
            self._load_form(self._current_id)

    # -- editing ------------------------------------------------------------------------------
    def save_item(self) -> bool:
        if not self.form.validate():
            self.status_message.emit(self.tr("Chưa lưu: hãy sửa các ô báo đỏ."))
            return False
        value = self.form.value()
        name = self.tr("Sửa hoạt động") if value.item.is_activity else self.tr("Sửa mục")
        with self._saving_form("item"):
            self.ctx.perform(name, lambda db: edits.save_activity(db, value))
        self.status_message.emit(self.tr("Đã lưu mục %1.").replace("%1", value.item.ref))
        return True

    def save_plan(self) -> bool:
        if not self.plan_form.validate():
            return False
        plan = self.plan_form.value()
        try:
            edits.check_plan_number(self.ctx.db, plan)
        except edits.PlanNumberTakenError as exc:
            self._number_taken(exc)
            return False
        with self._saving_form("plan"):
            self.ctx.perform(self.tr("Sửa thông tin kế hoạch"),
                             lambda db: edits.save_plan(db, plan))
        self.status_message.emit(self.tr("Đã lưu thông tin kế hoạch."))
        return True

    def _number_taken(self, exc: edits.PlanNumberTakenError) -> None:
        """Say which plan has the number, under the field as any field error; the form keeps
        everything typed."""
        other = plans.get(self.ctx.db, exc.other_id)
        if other is not None and other.number and other.number.strip() != exc.number:
            text = self.tr("Số ký hiệu «%1» đã dùng cho kế hoạch khác (ghi là «%2»).").replace(
                "%2", other.number.strip())  # '93/kh-ubnd' typed, '93/KH-UBND' stored
        else:
            text = self.tr("Số ký hiệu «%1» đã dùng cho kế hoạch khác.")
        text = text.replace("%1", exc.number)
        self.tabs.setCurrentIndex(1)
        self.plan_form.show_number_error(text)
        self.status_message.emit(self.tr("Chưa lưu thông tin kế hoạch: ") + text)

    @contextmanager
    def _saving_form(self, which: str) -> Iterator[None]:
        """While a form's own save runs, the reload after it shows what was stored there."""
        self._saving = which
        try:
            yield
        finally:
            self._saving = None

    def _insert(self, parent_id: int | None, position: int | None) -> None:
        plan_id = self.ctx.plan_id
        if plan_id is None:
            return
        title = self.tr("Mục mới")
        was = self._current_id
        new_id = self.ctx.perform(self.tr("Thêm mục"), lambda db: items.insert(
            db, plan_id, parent_id, position=position, title=title))
        if was is not None:  # undoing the insert comes back here
            self._came_from[new_id] = was
        self.select_item(new_id, force_reload=True)
        self.form.title.setFocus()
        self.form.title.selectAll()

    def add_sibling(self) -> None:
        if not self._settle_edits():
            return
        item = self.model.get(self._current_id) if self._current_id else None
        if item is None:
            self._insert(None, None)
        else:
            self._insert(item.parent_id, item.position + 1)

    def add_child(self) -> None:
        if self._current_id is not None and self._settle_edits():
            self._insert(self._current_id, None)

    def _structural(self, name: str, fn) -> None:
        item_id = self._current_id
        if item_id is None or not self._settle_edits():
            return
        self.ctx.perform(name, lambda db: fn(db, item_id))
        self.select_item(item_id, force_reload=True)
        self.tree.setFocus()

    def move_up(self) -> None:
        self._structural(self.tr("Chuyển mục lên"), items.move_up)

    def move_down(self) -> None:
        self._structural(self.tr("Chuyển mục xuống"), items.move_down)

    def indent(self) -> None:
        self._structural(self.tr("Thụt mục vào"), items.indent)

    def outdent(self) -> None:
        self._structural(self.tr("Lùi mục ra"), items.outdent)

    def delete_item(self) -> None:
        item = items.get(self.ctx.db, self._current_id) if self._current_id else None
        if item is None:
            return
        below = items.descendant_count(self.ctx.db, item.id)
        question = (self.tr("Xóa mục %1 và %2 mục con?").replace("%2", str(below)) if below
                    else self.tr("Xóa mục %1?")).replace("%1", item.ref)
        reports, assigned = items.attached_counts(self.ctx.db, item.id)
        if reports or assigned:  # say what goes with it (Hoàn tác brings it all back)
            lost = [text.replace("%n", str(n)) for n, text in (
                (reports, self.tr("%n báo cáo tiến độ")),
                (assigned, self.tr("%n phân công cơ quan"))) if n]
            question += " " + self.tr("Cùng bị xóa: %1. (Có thể hoàn tác bằng Ctrl+Z.)").replace(
                "%1", ", ".join(lost))
        if not messages.ask(self, self.tr("Xóa mục"), question):
            return
        siblings = self.model._children.get(item.parent_id or 0, [])
        row = siblings.index(item.id) if item.id in siblings else -1
        after = (siblings[row + 1] if row + 1 < len(siblings) else
                 siblings[row - 1] if row > 0 else item.parent_id)
        self._current_id = None
        self.ctx.perform(self.tr("Xóa mục"), lambda db: items.delete(db, item.id))
        if after:
            self.select_item(after, force_reload=True)
        self.status_message.emit(self.tr("Đã xóa mục %1.").replace("%1", item.ref))

    def new_plan(self) -> None:
        if not self._settle_edits(plan_form=True) or not self._settle_other_pages():
            return
        title = self.tr("Kế hoạch mới")
        plan_id = self.ctx.perform(self.tr("Tạo kế hoạch"), lambda db: edits.new_plan(db, title))
        self.ctx.set_plan(plan_id)
        self.tabs.setCurrentIndex(1)

    # -- import -------------------------------------------------------------------------------
    def import_plan(self, path: str | Path | None = None) -> None:
        """Read a .txt/.docx plan in the background, then preview it before saving."""
        if not self._settle_edits(plan_form=True):  # the plan read in will be shown instead
            return
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Nhập kế hoạch"), "",
                                                    self.tr(PLAN_FILES))
            if not chosen:
                return
            path = chosen
        path = Path(path)
        self._import_token += 1
        token = self._import_token
        self._end_progress()  # (none is left open; a read still running is now dropped)
        progress = QProgressDialog(self.tr("Đang đọc «%1»…").replace("%1", path.name),
                                   self.tr("Hủy"), 0, 0, self)
        progress.setWindowTitle(self.tr("Nhập kế hoạch"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setAutoReset(False)
        progress.setAutoClose(False)
        progress.setMinimumDuration(400)  # a short read shows nothing
        # A busy dialog (range 0–0) never shows itself unless a value is set: setValue(0)
        # starts the timer that shows it after the minimum duration.
        progress.setValue(0)
        # Hủy takes effect at once: the window is usable again, and what the read returns
        # later is dropped (the read itself cannot be stopped half-way).
        progress.canceled.connect(lambda: self._cancel_import(token))
        progress.rejected.connect(lambda: self._cancel_import(token))  # Esc
        self._progress = progress
        self.import_action.setEnabled(False)

        def read(p: Path):
            from ...importers import read_plan  # heavy (python-docx): only when importing

            return read_plan(p)

        def done(parsed) -> None:
            if self._import_current(token):
                self._preview(parsed, path)

        def failed(exc: BaseException) -> None:
            if self._import_current(token):
                self._import_failed(exc)

        run_task(read, path, on_done=done, on_error=failed)

    def _import_current(self, token: int) -> bool:
        """Whether a finished read is still wanted: not when the page went with its database
        (another one was opened, or it was closed), nor when the user cancelled meanwhile."""
        return isValid(self) and token == self._import_token

    def _cancel_import(self, token: int) -> None:
        if not self._import_current(token):
            return
        self._import_token += 1  # the read's result, when it comes, is dropped
        self._end_progress()
        self.status_message.emit(self.tr("Đã hủy nhập kế hoạch."))
        self.import_finished.emit(None)

    def shutdown(self) -> None:
        """Before the database closes: a read still running is dropped when it finishes."""
        self._import_token += 1
        self._end_progress()

    def _end_progress(self) -> None:
        """Close the progress dialog and make importing possible again."""
        self.import_action.setEnabled(True)
        progress, self._progress = self._progress, None
        if progress is not None:
            progress.canceled.disconnect()  # closing it emits both
            progress.rejected.disconnect()
            progress.close()
            progress.deleteLater()

    def _import_failed(self, exc: BaseException) -> None:
        self._end_progress()
        from ...importers import PlanImportError

        if isinstance(exc, (PlanImportError, OSError)):
            messages.error(self, self.tr("Không nhập được kế hoạch"), str(exc))
            self.import_finished.emit(None)
            return
        self.import_finished.emit(None)
        raise exc

    def _preview(self, parsed, path: Path) -> None:
        self._end_progress()
        from ..dialogs.import_preview import ImportPreviewDialog

        self.preview = ImportPreviewDialog(parsed, path.name, self)
        self.preview.setWindowModality(Qt.WindowModality.WindowModal)
        self.preview.accepted.connect(lambda: self._save_import(parsed, path))
        self.preview.rejected.connect(lambda: self.import_finished.emit(None))
        self.preview.finished.connect(self._preview_closed)
        self.preview.open()

    def _preview_closed(self, _result: int) -> None:
        if self.preview is not None:
            self.preview.deleteLater()
            self.preview = None

    def _save_import(self, parsed, path: Path, replace: bool = False) -> None:
        """Store the plan read (its preview was accepted) in a worker thread: thousands of
        items take seconds, and the window must stay alive meanwhile. The user waits all the
        same: a busy cursor, for a large plan a "Đang lưu kế hoạch…" window at once (for a
        small one only should it take a while), and no input reaches any page until the save
        has ended (see AppContext.perform_in_background for what keeps the database safe)."""
        from ...services.importing import store_plan

        source = path.name
        self._begin_storing(parsed)
        try:
            self.ctx.perform_in_background(
                self.tr("Nhập kế hoạch"),
                lambda db: store_plan(db, parsed, replace=replace, source_file=source),
                on_done=lambda plan_id: self._import_saved(parsed, path, plan_id),
                on_error=lambda exc: self._import_not_saved(parsed, path, exc, replace))
        except BaseException:
            self._end_storing()
            raise

    def _begin_storing(self, parsed) -> None:
        large = sum(1 for _ in parsed.walk()) >= SAVE_NOTICE_ITEMS
        stack = ExitStack()  # undone in reverse order by _end_storing
        stack.enter_context(busy_cursor())
        notice = QProgressDialog(self.tr("Đang lưu kế hoạch…"), "", 0, 0, self)
        notice.setCancelButton(None)  # (a store cannot stop half-way; it is all or nothing)
        notice.setWindowTitle(self.tr("Nhập kế hoạch"))
        notice.setWindowModality(Qt.WindowModality.WindowModal)
        notice.setAutoClose(False)
        notice.setAutoReset(False)
        notice.setMinimumDuration(0 if large else SAVE_NOTICE_DELAY_MS)
        stack.callback(_close_dialog, notice)
        stack.enter_context(user_input_blocked(notice))
        if large:
            notice.show()
        else:  # a busy dialog shows itself after the minimum duration once a value is set
            notice.setValue(0)
        action = self.import_action
        action.setEnabled(False)
        stack.callback(lambda: isValid(action) and action.setEnabled(True))
        self._storing = stack

    def _end_storing(self) -> None:
        stack, self._storing = self._storing, None
        if stack is not None:
            stack.close()

    def _import_saved(self, parsed, path: Path, plan_id: int) -> None:
        self._end_storing()
        if not isValid(self):  # (never: the database closes only once the save has ended)
            return
        with busy_cursor():
            self.ctx.set_plan(plan_id)
            self.load_plan()
        self.status_message.emit(self.tr("Đã nhập kế hoạch %1.")
                                 .replace("%1", parsed.meta.number or path.name))
        self.import_finished.emit(plan_id)

    def _import_not_saved(self, parsed, path: Path, exc: BaseException, replaced: bool) -> None:
        """Nothing was saved: the plan is already there (replace it?), or the save failed."""
        self._end_storing()
        if not isValid(self):
            return
        from ...services.importing import PlanExistsError

        if isinstance(exc, PlanExistsError) and not replaced:
            question = self.tr("Kế hoạch %1 đã có. Thay thế kế hoạch cũ (cùng toàn bộ số liệu "
                               "theo dõi của nó) bằng kế hoạch vừa đọc?").replace("%1", exc.label)
            if not messages.ask(self, self.tr("Kế hoạch đã có"), question):
                self.import_finished.emit(None)
                return
            self._save_import(parsed, path, replace=True)
            return
        self.import_finished.emit(None)
        # As when the save ran on this thread and raised: the app's error hook tells the user
        # (a full disk, a read-only or damaged file: "Chưa lưu được thay đổi" and what to do;
        # anything else: the crash dialog, and the log).
        sys.excepthook(type(exc), exc, exc.__traceback__)

    # -- layout memory ------------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        settings.setValue("plan/splitter", self.splitter.saveState())
        settings.setValue("plan/tree", self.tree.header().saveState())

    def restore_state(self, settings: QSettings) -> None:
        for key, target in (("plan/splitter", self.splitter), ("plan/tree", self.tree.header())):
            state = settings.value(key)
            if state is not None:
                target.restoreState(state)


def _close_dialog(dialog: QProgressDialog) -> None:
    if isValid(dialog):
        dialog.close()
        dialog.deleteLater()
