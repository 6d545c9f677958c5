"""Documents for the A4 printer (hall-api.md, Self-service): one-page A4 PDFs rendered
with Pillow, Chinese included.

Chinese needs a CJK font (DESIGN.md, facts checked on Debian 12): we ask fontconfig for
WenQuanYi Micro Hei (Debian package fonts-wqy-microhei) and fall back to Noto CJK; with
neither, Pillow's default font draws boxes for Chinese but the PDF is still valid.
"""
from __future__ import annotations

import functools
import io
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

DPI = 150
A4_PX = (round(210 / 25.4 * DPI), round(297 / 25.4 * DPI))    # 1240 x 1754
MARGIN = 110
_FONT_FAMILIES = ("WenQuanYi Micro Hei", "Noto Sans CJK SC")


@functools.lru_cache(maxsize=1)
def cjk_font_path() -> str | None:
    for family in _FONT_FAMILIES:
        try:
            found = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True,
                                   text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            return None
        if found and any(k in Path(found).name.lower() for k in ("wqy", "cjk")):
            return found
    return None


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """The page's font at ``size`` pixels (text 30, tables and footer 24)."""
    path = cjk_font_path()
    return ImageFont.truetype(path, size) if path else ImageFont.load_default(size)


@dataclass
class Document:
    """What goes on the page: a title, labelled fields, paragraphs of running text
    (wrapped to the page), an optional table, a footer.

    ``subject``, one line saying what the document found (e.g. "未查询到生育保险待遇记录"),
    goes into the PDF's Subject: the page itself is an image, so this is the text a
    reader (or a test) can get from the file without OCR.
    """
    title: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)
    subject: str = ""


def _wrap(text: str, font, width: int) -> list[str]:
    """Break ``text`` into lines no wider than ``width``: Chinese breaks between any two
    characters, so this goes character by character."""
    lines, line = [], ""
    for ch in text:
        if line and font.getlength(line + ch) > width:
            lines.append(line)
            line = ""
        line += ch
    return [*lines, line] if line else lines


def render_pdf(doc: Document) -> bytes:
    """One A4 page (595 x 842 pt) as PDF bytes; rows that do not fit are cut with a note."""
    page = Image.new("L", A4_PX, 255)      # greyscale: a third of the size of RGB
    draw = ImageDraw.Draw(page)
    width = A4_PX[0] - 2 * MARGIN
    title_font, text_font, small_font = font(52), font(30), font(24)

    y = MARGIN
    draw.text((A4_PX[0] // 2, y), doc.title, font=title_font, fill=0, anchor="mt")
    y += 100
    draw.line((MARGIN, y, A4_PX[0] - MARGIN, y), fill=0, width=3)
    y += 30
    for label, value in doc.fields:
        draw.text((MARGIN, y), f"{label}：{value}", font=text_font, fill=0)
        y += 48
    for paragraph in doc.text:
        y += 16
        for line in _wrap(paragraph, text_font, width):
            draw.text((MARGIN, y), line, font=text_font, fill=0)
            y += 46
    if doc.columns:
        y += 20
        col_w = width // len(doc.columns)
        footer_top = A4_PX[1] - MARGIN - 40 * (len(doc.footer) + 1)
        for i, name in enumerate(doc.columns):
            draw.text((MARGIN + i * col_w + 8, y + 8), name, font=small_font, fill=0)
        draw.rectangle((MARGIN, y, A4_PX[0] - MARGIN, y + 44), outline=0, width=2)
        y += 44
        for n, row in enumerate(doc.rows):
            if y + 40 > footer_top - 40:
                draw.text((MARGIN, y + 6), f"(另有 {len(doc.rows) - n} 行未列出)",
                          font=small_font, fill=0)
                y += 40
                break
            for i, cell in enumerate(row):
                draw.text((MARGIN + i * col_w + 8, y + 6), cell, font=small_font, fill=0)
            draw.line((MARGIN, y + 40, A4_PX[0] - MARGIN, y + 40), fill=128, width=1)
            y += 40
    y = A4_PX[1] - MARGIN - 40 * len(doc.footer)
    for line in doc.footer:
        draw.text((MARGIN, y), line, font=small_font, fill=0)
        y += 40
    out = io.BytesIO()
    page.save(out, "PDF", resolution=DPI, title=doc.title, subject=doc.subject,
              creator="gd-kiosk reference hall")
    return out.getvalue()
