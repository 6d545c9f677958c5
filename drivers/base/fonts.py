"""Finding a font with Chinese glyphs, for everything that draws text itself (rendered
receipts, A4 test pages). Without one every ideograph comes out as a box."""
from __future__ import annotations

import functools
import os
import subprocess

CJK_FONT_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)


@functools.lru_cache(maxsize=1)
def find_cjk_font() -> str | None:
    """WenQuanYi Micro Hei via fontconfig, else any font fontconfig has for Chinese,
    else a known path; None when there is none."""
    for pattern in ("WenQuanYi Micro Hei", ":lang=zh-cn"):
        try:
            found = subprocess.run(["fc-match", "-f", "%{file}", pattern], capture_output=True,
                                   text=True, timeout=5).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            break  # no fontconfig
        if found and os.path.exists(found) and _has_cjk(found):
            return found
    return next((p for p in CJK_FONT_PATHS if os.path.exists(p)), None)


def _has_cjk(path: str) -> bool:
    """fc-match always names some font: one without Chinese glyphs draws the same
    .notdef box for every ideograph."""
    from PIL import Image, ImageDraw, ImageFont  # only the renderers need Pillow

    try:
        font = ImageFont.truetype(path, 24)
    except OSError:
        return False

    def ink(ch: str) -> bytes:
        img = Image.new("L", (48, 48), 255)
        ImageDraw.Draw(img).text((0, 0), ch, font=font, fill=0)
        return img.tobytes()

    return ink("中") != ink("国")
