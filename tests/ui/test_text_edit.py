"""Text pasted from Word into a form's text box: its control characters never show."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QApplication


def test_pasted_word_text_is_cleaned_at_once(qtbot):
    from gbapp.ui.widgets.text_edit import TextEdit

    box = TextEdit()
    qtbot.addWidget(box)
    box.setPlainText("Kết quả: ")
    box.moveCursor(box.textCursor().MoveOperation.End)
    data = QMimeData()
    data.setText("Tập huấn\x0bcho 120 cán bộ\x07\x01 xã\u00ad phường")
    box.insertFromMimeData(data)
    assert box.toPlainText() == "Kết quả: Tập huấn\ncho 120 cán bộ xã phường"
    # and through the clipboard, as Ctrl+V does
    QApplication.clipboard().setText("Hội\x07 nghị")
    box.paste()
    assert box.toPlainText().endswith("phườngHội nghị")


def test_every_form_text_box_cleans_what_is_pasted(qtbot):
    """The activity, progress, agency, indicator and plan forms use the cleaning box."""
    from PySide6.QtWidgets import QPlainTextEdit

    from gbapp.ui.forms import plan_form
    from gbapp.ui.widgets.text_edit import TextEdit

    form = plan_form.PlanForm()
    qtbot.addWidget(form)
    boxes = form.findChildren(QPlainTextEdit)
    assert boxes and all(isinstance(b, TextEdit) for b in boxes)


def test_no_form_makes_a_plain_text_box_that_would_not_clean():
    from pathlib import Path

    import gbapp.ui

    root = Path(gbapp.ui.__file__).parent
    makers = [p.relative_to(root).as_posix() for p in root.rglob("*.py")
              if "QPlainTextEdit(" in p.read_text(encoding="utf-8")]
    assert makers == ["widgets/text_edit.py"] or makers == [], makers
