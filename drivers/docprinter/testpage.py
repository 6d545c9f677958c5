"""The A4 test sheet of ``kiosk diag docprinter test``: Chinese text, a ruler, a grey scale.

The page is drawn as an image with Pillow and saved as a one-page PDF: embedding a CJK
font in a hand-written PDF is a project of its own, and an image prints the same on every
printer. 150 dpi keeps the file small (about 100 kB) and the text sharp enough to read;
the PDF page is exactly A4 (595.3 x 841.9 pt) because the image is 1240 x 1754 px at
150 dpi. The 100 mm ruler lets a technician check that nothing was scaled.
"""
from __future__ import annotations

import io
import socket
from datetime import datetime

from PIL import Image, ImageDraw, ImageFont

from drivers.base.fonts import find_cjk_font

DPI = 150


def px(mm: float) -> int:
    return round(mm / 25.4 * DPI)


A4_MM = (210, 297)
SIZE = (px(A4_MM[0]), px(A4_MM[1]))  # (1240, 1754)
MARGIN_MM = 15
TITLE = "打印测试页 / Test page"


def render_diagnostic_page(queue: str, now: datetime | None = None) -> Image.Image:
    """The test sheet as a greyscale A4 image at :data:`DPI`."""
    now = now or datetime.now()
    img = Image.new("L", SIZE, 255)
    draw = ImageDraw.Draw(img)
    font_path = find_cjk_font()

    def font(size_mm: float):
        size = px(size_mm)
        return ImageFont.truetype(font_path, size) if font_path else \
            ImageFont.load_default(size)

    m = px(MARGIN_MM)
    draw.rectangle((m, m, SIZE[0] - m, SIZE[1] - m), outline=0, width=3)
    x, y = m + px(10), m + px(12)
    draw.text((x, y), TITLE, font=font(11), fill=0)
    y += px(22)
    body = font(5)
    for line in (f"时间 Time：{now:%Y-%m-%d %H:%M:%S}",
                 f"打印队列 Queue：{queue}",
                 f"终端 Terminal：{socket.gethostname()}",
                 "政务服务一体机 A4 文档打印机自检",
                 "标点：，。：；！？“”（）《》——¥",
                 "繁體：證件列印測試"):
        draw.text((x, y), line, font=body, fill=0)
        y += px(9)

    # A 100 mm ruler, a tick per millimetre: measure it to see the page was not scaled.
    y += px(8)
    draw.text((x, y), "100 mm 标尺 / ruler", font=font(4), fill=0)
    y += px(8)
    draw.line((x, y, x + px(100), y), fill=0, width=2)
    for mm in range(101):
        tick = 6 if mm % 10 == 0 else 3.5 if mm % 5 == 0 else 2
        draw.line((x + px(mm), y, x + px(mm), y + px(tick)), fill=0, width=2)

    # Eleven grey patches, 0 % to 100 % black: every one must be distinct on paper.
    y += px(16)
    draw.text((x, y), "灰度 / grey scale 0–100 %", font=font(4), fill=0)
    y += px(8)
    patch = px(14)
    for i in range(11):
        left = x + i * patch
        draw.rectangle((left, y, left + patch, y + patch), fill=round(255 * (1 - i / 10)),
                       outline=0)

    draw.text((x, SIZE[1] - m - px(20)),
              "本页完整清晰即打印机工作正常 / A complete, sharp page means the printer works",
              font=font(4.2), fill=0)
    return img


def diagnostic_page_pdf(queue: str, now: datetime | None = None) -> bytes:
    """The test sheet as a one-page A4 PDF."""
    out = io.BytesIO()
    render_diagnostic_page(queue, now).save(out, "PDF", resolution=DPI, title=TITLE,
                                      creator="gd-kiosk")
    return out.getvalue()
