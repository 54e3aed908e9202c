"""Storing a large imported plan runs on the GUI thread (it goes through the undo log): a
"Đang lưu kế hoạch…" window is shown, and painted, before the store starts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QProgressDialog

from gbapp.store import items


class PaintCounter(QObject):
    def __init__(self):
        super().__init__()
        self.painted: dict[str, int] = {}

    def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and isinstance(obj, QProgressDialog):
            self.painted[obj.labelText()] = self.painted.get(obj.labelText(), 0) + 1
        return False


@pytest.fixture
def page(qtbot, db, tmp_path):
    from gbapp.ui.context import AppContext
    from gbapp.ui.pages.plan_page import PlanPage

    p = PlanPage(AppContext(db, tmp_path / "test.db"))
    qtbot.addWidget(p)
    p.resize(1200, 700)
    p.show()
    qtbot.waitExposed(p)
    return p


def _plan_file(tmp_path, n):
    lines = ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI", "Số: 93/KH-UBND",
             "KẾ HOẠCH", "Thực hiện công tác bình đẳng giới năm 2025",
             "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "II. NHIỆM VỤ VÀ GIẢI PHÁP"]
    lines += [f"{i}. Tổ chức hoạt động truyền thông số {i}. Sở Nội vụ chủ trì; thời gian: "
              "Quý II/2025." for i in range(1, n + 1)]
    path = tmp_path / "lon.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _import(qtbot, page, path, monkeypatch):
    import gbapp.services.importing as importing

    counter = PaintCounter()
    QApplication.instance().installEventFilter(counter)
    seen = []
    real = importing.store_plan

    def store(db, parsed, **kw):
        seen.append({d.labelText(): (d.isVisible(), counter.painted.get(d.labelText(), 0))
                     for d in page.findChildren(QProgressDialog)})
        return real(db, parsed, **kw)

    monkeypatch.setattr(importing, "store_plan", store)
    try:
        page.import_plan(path)
        qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible(),
                        timeout=20000)
        with qtbot.waitSignal(page.import_finished, timeout=20000) as done:
            page.preview.accept()
    finally:
        QApplication.instance().removeEventFilter(counter)
    return seen, done.args[0]


def test_large_plan_says_it_is_saving_before_the_work(qtbot, page, tmp_path, monkeypatch):
    seen, plan_id = _import(qtbot, page, _plan_file(tmp_path, 250), monkeypatch)
    assert plan_id is not None
    assert len(items.all_items(page.ctx.db, plan_id)) > 250
    [shown] = seen
    visible, paints = shown["Đang lưu kế hoạch…"]
    assert visible and paints >= 1
    qtbot.wait(50)
    assert not [d for d in page.findChildren(QProgressDialog) if d.isVisible()]


def test_small_plan_saves_without_a_window(qtbot, page, tmp_path, monkeypatch):
    seen, plan_id = _import(qtbot, page, _plan_file(tmp_path, 5), monkeypatch)
    assert plan_id is not None
    assert seen == [{}] or all(not v[0] for v in seen[0].values())
