"""Draws what a thermal receipt printer printed: black dots on white paper.

Geometry of a 203 dpi printer with font A: 12 x 24 dots per half-width character and
24 x 24 per full-width (CJK) one, so 32 columns fill 384 dots (58 mm paper) and 48 fill
576 (80 mm). GS ! magnifies characters dot by dot, as the printer does; lines wrap at the
paper edge. QR symbols come from a real encoder (OpenCV), so the image scans.

Full-width glyphs are drawn as a printer's font is stored: one bit a dot (FreeType's
monochrome, hinted rasteriser, which keeps strokes on the dot grid), filling the whole
24-dot cell, emphasis doubling each dot one to the right. Antialiased at 22 px and cut at
the paper's dark threshold, the strokes of dense characters merged: 醫 (11 horizontal
strokes across 20 rows) came out a solid blob, and emphasised (a 1-dot outline around
every stroke) a black square.
"""
from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence

import cv2
from PIL import Image, ImageChops, ImageDraw, ImageFont

from drivers.base.fonts import find_cjk_font

from .protocol import PrintLine, PrintQR

DOTS_PER_COLUMN = 12
CHAR_HEIGHT = 24
LINE_SPACING = 6  # dots between lines: ESC 2's default pitch is about 30 dots
MARGIN = 16       # blank paper above the first and below the last line
SIDE_MARGIN = 24  # paper outside the printable width (58 mm paper, 48 mm printed)
FONT_SIZE = 22    # half-width characters
BASELINE = 19     # dots from the cell top: room for descenders (g, y)
CJK_FONT_SIZE = 24  # full-width ones: an ideograph fills its 24 x 24 cell, as on a printer
CJK_BASELINE = 20   # WenQuanYi and Noto CJK: ideographs reach 20 dots up, 3 down at 24 px
_EC_LEVELS = {"L": cv2.QRCodeEncoder_CORRECT_LEVEL_L, "M": cv2.QRCodeEncoder_CORRECT_LEVEL_M,
              "Q": cv2.QRCodeEncoder_CORRECT_LEVEL_Q, "H": cv2.QRCodeEncoder_CORRECT_LEVEL_H}


def qr_matrix(data: bytes, ec: str = "M") -> Image.Image:
    """The QR symbol of ``data`` (decoded as UTF-8), one pixel per module, with the
    standard 4-module quiet zone."""
    params = cv2.QRCodeEncoder.Params()
    params.correction_level = _EC_LEVELS.get(ec, cv2.QRCodeEncoder_CORRECT_LEVEL_M)
    matrix = cv2.QRCodeEncoder.create(params).encode(data.decode("utf-8", "replace"))
    return Image.fromarray(matrix).convert("L")


class ReceiptRenderer:
    """Renders the printed operations of one receipt for a paper ``columns`` wide."""

    def __init__(self, columns: int = 32, encoding: str = "gb18030",
                 font_path: str | None = None) -> None:
        self.width = columns * DOTS_PER_COLUMN
        self.encoding = encoding
        path = font_path or find_cjk_font()

        def font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
            return ImageFont.truetype(path, size) if path else ImageFont.load_default(size)

        self._font, self._cjk_font = font(FONT_SIZE), font(CJK_FONT_SIZE)
        self._glyphs: dict[tuple[str, bool], Image.Image] = {}

    def render(self, ops: Sequence[PrintLine | PrintQR]) -> Image.Image:
        """The receipt as a 1-bit image: ``columns * 12`` printable dots plus margins."""
        blocks: list[tuple[Image.Image, int]] = []  # (image, x) top to bottom
        for op in ops:
            if isinstance(op, PrintQR):
                blocks.append(self._qr_block(op))
            else:
                blocks.extend(self._line_blocks(op))
        height = 2 * MARGIN + sum(img.height for img, _ in blocks)
        paper = Image.new("L", (self.width + 2 * SIDE_MARGIN, height), 255)
        y = MARGIN
        for img, x in blocks:
            paper.paste(img, (SIDE_MARGIN + x, y))
            y += img.height
        # Thermal dots are either burnt or not.
        return paper.point(lambda v: 0 if v < 160 else 255).convert("1")

    def _line_blocks(self, line: PrintLine) -> list[tuple[Image.Image, int]]:
        if not line.runs:
            return [(Image.new("L", (1, CHAR_HEIGHT + LINE_SPACING), 255), 0)]
        rows: list[list[Image.Image]] = [[]]
        x = 0
        for run in line.runs:
            for ch in run.text:
                glyph = self._glyph(ch, run.bold)
                cell = glyph.resize((glyph.width * run.width, glyph.height * run.height),
                                    Image.Resampling.NEAREST)
                if x + cell.width > self.width and rows[-1]:
                    rows.append([])
                    x = 0
                rows[-1].append(cell)
                x += cell.width
        blocks = []
        for cells in rows:
            row_width = sum(c.width for c in cells)
            row_height = max(c.height for c in cells)
            row = Image.new("L", (row_width, row_height + LINE_SPACING), 255)
            cx = 0
            for c in cells:  # characters of different sizes share the baseline (bottom)
                row.paste(c, (cx, row_height - c.height))
                cx += c.width
            blocks.append((row, self._x(line.align, row_width)))
        return blocks

    def _qr_block(self, qr: PrintQR) -> tuple[Image.Image, int]:
        try:
            matrix = qr_matrix(qr.data, qr.ec)
        except cv2.error:  # data the encoder refuses: show that a symbol was asked for
            matrix = Image.new("L", (29, 29), 0)
            ImageDraw.Draw(matrix).rectangle((4, 4, 24, 24), fill=255)
        scale = max(qr.module_size, 1)
        img = matrix.resize((matrix.width * scale, matrix.height * scale), Image.Resampling.NEAREST)
        return img, self._x(qr.align, img.width)

    def _x(self, align: str, width: int) -> int:
        free = max(self.width - width, 0)
        return {"center": free // 2, "right": free}.get(align, 0)

    def _glyph(self, ch: str, bold: bool) -> Image.Image:
        """One character in its cell: 24 x 24 dots for a double-byte character (the
        printer's Chinese font has only full-width glyphs, “ and ½ included), 12 x 24 for
        a single-byte one."""
        key = (ch, bold)
        if key not in self._glyphs:
            self._glyphs[key] = (self._full_width(ch, bold) if self._double_byte(ch)
                                 else self._half_width(ch, bold))
        return self._glyphs[key]

    def _full_width(self, ch: str, bold: bool) -> Image.Image:
        """Drawn one bit a dot, filling the 24 x 24 cell: dense ideographs (醫, 鬱) need
        every one of its rows for their strokes, which antialiasing cut at a threshold
        merged."""
        cell = Image.new("L", (2 * DOTS_PER_COLUMN, CHAR_HEIGHT), 255)
        draw = ImageDraw.Draw(cell)
        draw.fontmode = "1"   # FreeType's monochrome rasteriser, hinted to the dot grid
        draw.text((0, CJK_BASELINE), ch, font=self._cjk_font, fill=0, anchor="ls")
        if bold:
            # Emphasis widens vertical strokes only: the gaps between horizontal ones,
            # which an outline stroke closed, stay open.
            shifted = Image.new("L", cell.size, 255)
            shifted.paste(cell.crop((0, 0, cell.width - 1, cell.height)), (1, 0))
            cell = ImageChops.darker(cell, shifted)
        return cell

    def _half_width(self, ch: str, bold: bool) -> Image.Image:
        """Antialiased and squeezed into the 12 x 24 cell when wider (W, m, @): Latin
        letters are open enough to survive the paper's threshold."""
        advance = max(1, math.ceil(self._font.getlength(ch))) + 2
        ink = Image.new("L", (advance, CHAR_HEIGHT), 255)
        ImageDraw.Draw(ink).text((1, BASELINE), ch, font=self._font, fill=0, anchor="ls",
                                 stroke_width=1 if bold else 0, stroke_fill=0)
        if ink.width > DOTS_PER_COLUMN:  # proportional glyphs squeezed into the fixed cell
            ink = ink.resize((DOTS_PER_COLUMN, CHAR_HEIGHT), Image.Resampling.LANCZOS)
        cell = Image.new("L", (DOTS_PER_COLUMN, CHAR_HEIGHT), 255)
        cell.paste(ink, ((DOTS_PER_COLUMN - ink.width) // 2, 0))
        return cell

    def _double_byte(self, ch: str) -> bool:
        try:
            return len(ch.encode(self.encoding)) > 1
        except UnicodeEncodeError:  # U+FFFD for garbled bytes, or text from FS . mode
            return unicodedata.east_asian_width(ch) in "WFA"
