"""Draw the application icon (resources/app/gbapp.png and .ico) with Qt; run once, commit the files.

    QT_QPA_PLATFORM=offscreen python3 tools/make_icon.py

The .ico holds every size Windows asks for (title bar 16/24, taskbar 32/48, Explorer 48–256):
with one image only, Windows scales it and small icons come out blurred. No Pillow: the ICO
container is written here (small sizes as 32-bit bitmaps, 256 px as PNG, as Windows expects).
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath

OUT = Path(__file__).resolve().parents[1] / "resources" / "app"
ICO_SIZES = (16, 24, 32, 48, 64, 256)


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


def _png(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def _dib(image: QImage) -> bytes:
    """A 32-bit BGRA bitmap as ICO stores it: header of twice the height, rows bottom-up, then
    an all-clear AND mask (the alpha channel says what is transparent)."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)  # BGRA bytes, little-endian
    w, h = image.width(), image.height()
    bits, stride = bytes(image.constBits()), image.bytesPerLine()
    pixels = b"".join(bits[y * stride:y * stride + w * 4] for y in reversed(range(h)))
    mask = bytes(((w + 31) // 32) * 4 * h)
    header = struct.pack("<IiiHHIIiiII", 40, w, 2 * h, 1, 32, 0, len(pixels) + len(mask),
                         0, 0, 0, 0)
    return header + pixels + mask


def ico(images: list[QImage]) -> bytes:
    """An ICO file holding *images* (square, at most 256 px)."""
    frames = [_png(im) if im.width() >= 256 else _dib(im) for im in images]
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for im, frame in zip(images, frames, strict=True):
        side = im.width() % 256  # 0 means 256
        out += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(frame), offset)
        offset += len(frame)
    return out + b"".join(frames)


def main() -> int:
    QGuiApplication(sys.argv)
    OUT.mkdir(parents=True, exist_ok=True)
    big = draw(256)
    big.save(str(OUT / "gbapp.png"))
    images = [big if size == 256 else big.scaled(
        size, size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        for size in ICO_SIZES]
    (OUT / "gbapp.ico").write_bytes(ico(images))
    return 0


if __name__ == "__main__":
    sys.exit(main())
