"""The progress form on a 1024×600 screen: its error lines are read whole (a UX review found
them cut in half: "Chưa triển khai thì tỷ lệ…", "Nam + nữ (150) nhiều hơn…")."""

from __future__ import annotations

import pytest


@pytest.fixture
def window(qtbot, demo_db_file, tmp_path):
    import shutil

    from gbapp.ui.main_window import MainWindow

    path = tmp_path / "demo.db"
    shutil.copy(demo_db_file, path)
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1024, 600)
    assert w.open_database(path)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close_database()


def test_error_lines_of_the_progress_form_are_shown_whole_at_1024x600(window, qtbot):
    window.show_page("progress")
    page = window.pages["progress"]
    form = page.form
    form.percent.setText("50")
    form.participants.setText("100")
    form.men.setText("80")
    form.women.setText("70")
    form.completed_on.setText("31/02/2025")
    form.save_button.click()
    qtbot.wait(50)
    shown = [label for label in form.errors.labels.values() if not label.isHidden()]
    assert len(shown) >= 3
    for label in shown:  # as tall as its wrapped text needs
        assert label.height() >= label.heightForWidth(label.width()), label.text()
    # the form scrolls instead, and keeps its width
    assert page.form_scroll.widget().width() >= form.minimumSizeHint().width()
