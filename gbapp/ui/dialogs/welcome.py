"""First start: open the demo plan, start an empty database, or import a plan file."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget


class Choice(Enum):
    DEMO = "demo"
    EMPTY = "empty"
    IMPORT = "import"
    OPEN = "open"


class WelcomeDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.choice: Choice | None = None
        self.setWindowTitle(self.tr("Chào mừng đến với gbapp"))
        intro = QLabel(self.tr(
            "<b>Theo dõi kế hoạch thực hiện công tác bình đẳng giới</b><br>"
            "Chọn cách bắt đầu. Bạn có thể đổi cơ sở dữ liệu bất cứ lúc nào trong menu Tệp."), self)
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        self.buttons: dict[Choice, QPushButton] = {}
        for choice, text, hint in (
            (Choice.DEMO, self.tr("Mở kế hoạch mẫu (KH 93/KH-UBND Quảng Ngãi 2025)"),
             self.tr("Văn bản thật; phân công và tiến độ là dữ liệu mẫu để làm quen.")),
            (Choice.IMPORT, self.tr("Nhập kế hoạch từ tệp .docx hoặc .txt…"),
             self.tr("Đọc văn bản kế hoạch của tỉnh, xem trước rồi mới lưu.")),
            (Choice.EMPTY, self.tr("Bắt đầu với cơ sở dữ liệu trống"), ""),
            (Choice.OPEN, self.tr("Mở cơ sở dữ liệu có sẵn…"), ""),
        ):
            button = QPushButton(text, self)
            button.setMinimumHeight(36)
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))
            layout.addWidget(button)
            if hint:
                note = QLabel(hint, self)
                note.setStyleSheet("color: #555; margin-left: 8px;")
                layout.addWidget(note)
            self.buttons[choice] = button
        self.buttons[Choice.DEMO].setDefault(True)

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()
