"""Draw the application icon (resources/app/gbapp.png and .ico) with Qt; run once, commit the files.

    QT_QPA_PLATFORM=offscreen python3 tools/make_icon.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath

OUT = Path(__file__).resolve().parents[1] / "resources" / "app"


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = QPainterPath()
    path.addRoundedRect(QRectF(0, 0, size, size), size * 0.18, size * 0.18)
    p.fillPath(path, QColor("#8e1b3a"))  # deep red, the colour of official seals
    p.setPen(QColor("white"))
    font = QFont("DejaVu Sans", max(6, int(size * 0.27)))
    font.setBold(True)
    p.setFont(font)
    p.drawText(QRectF(0, 0, size, size * 0.92), Qt.AlignmentFlag.AlignCenter, "BĐG")
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#f2c14e"))
    p.drawRect(QRectF(size * 0.2, size * 0.74, size * 0.6, size * 0.06))
    p.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv)
    OUT.mkdir(parents=True, exist_ok=True)
    draw(256).save(str(OUT / "gbapp.png"))
    draw(256).scaled(64, 64, Qt.AspectRatioMode.KeepAspectRatio,
                     Qt.TransformationMode.SmoothTransformation).save(str(OUT / "gbapp.ico"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
