"""The import preview shows what a clerk must check: long warnings wrap, cut cells give their
full text on hover, an item's body text is shown, and the rows that become tracked activities
are marked (by the rule store_plan uses)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QToolTip

from gbapp.domain.model import (
    AgencyRef,
    ItemKind,
    ParsedItem,
    ParsedPlan,
    PlanMeta,
    Role,
    TimeFrame,
)
from gbapp.paths import resource

LONG_AGENCY = ("Ban Chỉ đạo thực hiện Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội "
               "vùng đồng bào dân tộc thiểu số và miền núi tỉnh")
LONG_WARNING = ("Bảng nhiệm vụ sau phần ký (phụ lục) đã được nhập vào kế hoạch: hãy kiểm tra vị "
                "trí các mục của bảng, nhất là các dòng gộp ô và các dòng chỉ có tên cơ quan phối "
                "hợp, trước khi lưu kế hoạch vào cơ sở dữ liệu")
BODY = "Nội dung chi tiết: tổ chức 05 lớp tập huấn cho cán bộ cấp xã, mỗi lớp 60 người."


def _plan() -> ParsedPlan:
    deep = ParsedItem(ItemKind.DASH, "-", "Điểm sâu bốn cấp")
    task = ParsedItem(ItemKind.LETTER, "a", "Tập huấn kiến thức về bình đẳng giới cho cán bộ",
                      text=BODY,
                      time_frame=TimeFrame("Từ tháng 3 đến hết tháng 11 năm 2025 (theo kế hoạch "
                                           "riêng của từng đơn vị)"),
                      agencies=[AgencyRef(LONG_AGENCY, Role.LEAD),
                                AgencyRef("Sở Nội vụ", Role.COORDINATING)],
                      children=[ParsedItem(ItemKind.PLUS, "+", "Chi tiết", children=[deep])])
    heading = ParsedItem(ItemKind.ARABIC, "1", "Truyền thông")
    heading.children = [task, ParsedItem(ItemKind.LETTER, "b", "Hội thi không giao ai")]
    tasks = ParsedItem(ItemKind.ROMAN, "II", "NHIỆM VỤ VÀ GIẢI PHÁP", children=[heading])
    aims = ParsedItem(ItemKind.ROMAN, "I", "MỤC ĐÍCH, YÊU CẦU",
                      children=[ParsedItem(ItemKind.ARABIC, "1", "Mục đích")])
    meta = PlanMeta(number="12/KH-UBND", issuer="UBND tỉnh Bình Định", place="Bình Định",
                    title="Thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ tỉnh "
                          "Bình Định năm 2025", signer_authority="KT. CHỦ TỊCH",
                    signer_title="PHÓ CHỦ TỊCH", signer="Lâm Hải Giang", year=2025)
    return ParsedPlan(meta,
                      [aims, tasks], warnings=[LONG_WARNING, "Ngắn"])


@pytest.fixture
def dialog(qtbot):
    from gbapp.ui.dialogs.import_preview import ImportPreviewDialog

    d = ImportPreviewDialog(_plan(), "kh.docx")
    qtbot.addWidget(d)
    d.resize(900, 640)
    d.show()
    qtbot.waitExposed(d)
    d.tree.expandAll()
    return d


def _entry(dialog, title):
    from PySide6.QtCore import Qt

    flags = Qt.MatchFlag.MatchRecursive | Qt.MatchFlag.MatchExactly
    [found] = dialog.tree.findItems(title, flags, 1)
    return found


def _hover_tip(qtbot, dialog, entry, column) -> str:
    """The tooltip shown when the mouse rests on the cell (a real help event)."""
    QToolTip.hideText()
    dialog.tree.scrollToItem(entry)
    rect = dialog.tree.visualItemRect(entry)
    x = dialog.tree.header().sectionViewportPosition(column) + 5
    pos = QPoint(x, rect.center().y())
    event = QHelpEvent(QEvent.Type.ToolTip, pos, dialog.tree.viewport().mapToGlobal(pos))
    from PySide6.QtWidgets import QApplication

    QApplication.sendEvent(dialog.tree.viewport(), event)
    qtbot.wait(50)
    text = QToolTip.text()
    return html.unescape(re.sub(r"<br\s*/?>", "\n", re.sub(r"<(?!br)[^>]+>", "", text)))


def test_long_warning_wraps_and_has_its_tooltip(dialog):
    from PySide6.QtWidgets import QListView

    assert dialog.warnings.wordWrap()
    item = dialog.warnings.item(0)
    assert item.text() == LONG_WARNING and item.toolTip() == LONG_WARNING
    # wrapped: the row is several lines high and no wider than the list
    rect = dialog.warnings.visualItemRect(item)
    assert rect.height() >= 2 * dialog.warnings.fontMetrics().lineSpacing()
    assert rect.width() <= dialog.warnings.viewport().width()
    assert dialog.warnings.horizontalScrollBar().maximum() == 0
    assert isinstance(dialog.warnings, QListView)


def test_cut_cells_show_their_full_text_on_hover(qtbot, dialog):
    from gbapp.ui.dialogs.import_preview import COL_AGENCIES, COL_TIME, COL_TITLE

    task = _entry(dialog, "Tập huấn kiến thức về bình đẳng giới cho cán bộ")
    agencies = _hover_tip(qtbot, dialog, task, COL_AGENCIES)
    assert LONG_AGENCY in agencies and "Sở Nội vụ" in agencies
    assert "Từ tháng 3 đến hết tháng 11 năm 2025 (theo kế hoạch riêng của từng đơn vị)" in \
        _hover_tip(qtbot, dialog, task, COL_TIME)
    title_tip = _hover_tip(qtbot, dialog, task, COL_TITLE)
    assert "Tập huấn kiến thức" in title_tip and BODY in title_tip  # the body text too


def test_selected_row_shows_its_body_text(qtbot, dialog):
    task = _entry(dialog, "Tập huấn kiến thức về bình đẳng giới cho cán bộ")
    dialog.tree.setCurrentItem(task)
    shown = dialog.detail.toPlainText()
    assert BODY in shown and LONG_AGENCY in shown
    assert "hoạt động" in shown
    assert dialog.detail.isVisible()


def test_rows_that_become_activities_are_marked(dialog):
    from gbapp.ui.dialogs.import_preview import COL_ACTIVITY

    marks = {title: _entry(dialog, title).text(COL_ACTIVITY) for title in (
        "Tập huấn kiến thức về bình đẳng giới cho cán bộ", "Hội thi không giao ai",
        "Truyền thông", "Mục đích", "Điểm sâu bốn cấp")}
    # assigned work, a leaf of the tasks section: tracked; a heading, an aim, a detail: not
    assert marks == {"Tập huấn kiến thức về bình đẳng giới cho cán bộ": "✓",
                     "Hội thi không giao ai": "✓", "Truyền thông": "", "Mục đích": "",
                     "Điểm sâu bốn cấp": ""}


def test_deep_label_is_not_clipped(dialog):
    deep = _entry(dialog, "Điểm sâu bốn cấp")
    rect = dialog.tree.visualItemRect(deep)  # the label column's cell, indentation included
    label_right = rect.left() + dialog.tree.fontMetrics().horizontalAdvance("-")
    assert label_right + 4 <= dialog.tree.columnWidth(0)


def test_no_empty_band_above_the_tree(dialog):
    from PySide6.QtWidgets import QLabel

    tree_top = dialog.tree.mapTo(dialog, dialog.tree.rect().topLeft()).y()
    summary_bottom = max(bottom for label in dialog.findChildren(QLabel) if label.isVisible()
                         and (bottom := label.mapTo(dialog, label.rect().bottomLeft()).y())
                         < tree_top)
    assert tree_top - summary_bottom <= 24


@pytest.mark.parametrize("source", [
    resource("demo", "plan93_quangngai_2025.txt"),
    Path(__file__).resolve().parents[1] / "fixtures" / "plan93_autonumbered_libreoffice.docx",
])
def test_activity_marks_match_what_is_stored(db, source):
    from gbapp.importers import read_plan
    from gbapp.services.importing import activity_nodes, store_plan
    from gbapp.store import items

    parsed = read_plan(source)
    marked = activity_nodes(parsed.items)
    expected = [id(node) in marked for _depth, node in parsed.walk()]
    plan_id = store_plan(db, parsed)
    stored = [bool(i.is_activity) for i in items.all_items(db, plan_id)]
    assert stored == expected and any(expected) and not all(expected)


def test_activity_marks_match_what_is_stored_synthetic(db):
    from gbapp.services.importing import activity_nodes, store_plan
    from gbapp.store import items

    parsed = _plan()
    marked = activity_nodes(parsed.items)
    expected = [id(node) in marked for _depth, node in parsed.walk()]
    plan_id = store_plan(db, parsed)
    assert [bool(i.is_activity) for i in items.all_items(db, plan_id)] == expected
