"""How text lands on the paper: lines broken between words, and dense ideographs legible
at the smallest size. Printed by the real driver to the simulator over TCP, whose
renderer draws what a 203 dpi thermal head burns."""
import pytest
from PIL import Image, ImageOps

from drivers.base.fonts import find_cjk_font
from drivers.receipt.document import Receipt, Text, wrap
from drivers.receipt.driver import ReceiptPrinter
from drivers.receipt.sim import ReceiptPrinterSimulator

pytestmark = pytest.mark.timeout(20)

HINT = "Watch the display for your number. If you miss it, take a new one."


@pytest.fixture(params=[32, 48])
def columns(request):
    return request.param


@pytest.fixture
def sim(tmp_path, columns):
    simulator = ReceiptPrinterSimulator(port=0, columns=columns)
    simulator.start()
    yield simulator
    simulator.stop()


@pytest.fixture
def printer(sim, columns):
    device = ReceiptPrinter("receipt", f"tcp://127.0.0.1:{sim.port}", columns=columns,
                            timeout=1.0)
    yield device
    device.close()


def printed(sim, printer, *elements: Text):
    printer.print_receipt(Receipt(list(elements)))
    return sim.wait_for_receipt()


# -- lines ---------------------------------------------------------------------------------
@pytest.mark.parametrize("magnified", [1, 2])
def test_english_lines_break_between_words(sim, printer, columns, magnified):
    """The printer itself wraps a long line at the paper's edge, in the middle of a word:
    every line sent must fit, and the words must come out whole."""
    receipt = printed(sim, printer, Text(HINT, width=magnified))
    lines = receipt.text.splitlines()
    assert len(lines) > 1
    assert all(len(line) * magnified <= columns for line in lines), lines
    assert " ".join(lines) == HINT
    assert receipt.text == Receipt([Text(HINT, width=magnified)]).plain_text(columns)


def test_a_word_longer_than_a_line_is_broken_where_the_paper_ends():
    url = "https://www.gdzwfw.gov.cn/portal/personal/queue?ticket=A012&hall=44010600"
    assert wrap(f"Scan or visit {url}", 32) == [
        "Scan or visit", url[:32], url[32:64], url[64:]]


def test_chinese_breaks_between_characters_but_not_before_closing_punctuation():
    # 16 ideographs fill 32 columns; the 17th is the full stop, which may not begin a
    # line: the last ideograph goes down with it.
    text = "请留意叫号屏和广播过号请重新取号。"
    assert wrap(text, 32) == ["请留意叫号屏和广播过号请重新取", "号。"]
    assert wrap("请到（综合窗口）办理", 14) == ["请到（综合窗", "口）办理"]
    # An opening bracket does not end a line: it goes down with what it opens.
    assert wrap("办理地点请到一楼（综合窗口）", 16) == ["办理地点请到一楼", "（综合窗口）"]
    assert wrap("到3号窗口 Counter 3, first floor", 16) == [
        "到3号窗口", "Counter 3, first", "floor"]


def test_lines_that_fit_are_left_as_they_are():
    assert wrap("  A012  ", 32) == ["  A012  "]
    assert wrap("", 32) == [""]


# -- glyphs --------------------------------------------------------------------------------
def strokes_along_columns(glyph: Image.Image) -> int:
    """The most separate ink runs any one column of dots crosses (top to bottom)."""
    most = 0
    for x in range(glyph.width):
        column = [glyph.getpixel((x, y)) == 0 for y in range(glyph.height)]
        most = max(most, sum(1 for y, ink in enumerate(column)
                             if ink and (y == 0 or not column[y - 1])))
    return most


def glyph_of(receipt) -> Image.Image:
    """The one character of a receipt, cropped to its ink."""
    paper = receipt.image.convert("L")
    return paper.crop(ImageOps.invert(paper).getbbox())


@pytest.mark.skipif(find_cjk_font() is None, reason="no CJK font installed")
@pytest.mark.parametrize("bold", [False, True])
def test_a_dense_ideograph_is_not_a_blob_at_the_smallest_size(sim, printer, bold):
    """醫 (18 strokes, 11 of them horizontal in a column) in the 24-dot cell of the
    printer's smallest size: its strokes stay apart, as on a printer's bitmap font."""
    glyph = glyph_of(printed(sim, printer, Text("醫", bold=bold)))
    assert glyph.height <= 24 and glyph.width <= 24
    ink = sum(1 for x in range(glyph.width) for y in range(glyph.height)
              if glyph.getpixel((x, y)) == 0)
    assert ink / (glyph.width * glyph.height) < 0.66
    assert strokes_along_columns(glyph) >= 7
