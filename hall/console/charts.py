"""Charts drawn on the server as inline SVG (no script, no library): they print, scale
with the page and work on a phone."""
from __future__ import annotations

from html import escape

# From very satisfied (green) to very dissatisfied (red).
LEVEL_COLOURS = ("#1a7f37", "#57ab5a", "#c69026", "#e16f24", "#cf222e")


def stacked_bars(rows: list[tuple[str, list[int]]], legend: list[str], *,
                 width: int = 640, bar: int = 22) -> str:
    """One horizontal bar per ``(label, counts)``, each count a segment coloured by its
    position (``legend`` names the positions); bars are scaled to the largest total."""
    label_w, gap, top = 150, 8, 28
    height = top + len(rows) * (bar + gap) + 4
    biggest = max([sum(c) for _, c in rows] + [1])
    inner = width - label_w - 60
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
             f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet">']
    x: float = label_w
    for i, name in enumerate(legend):
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" '
                     f'fill="{LEVEL_COLOURS[i % len(LEVEL_COLOURS)]}"/>'
                     f'<text x="{x + 16}" y="15" font-size="12">{escape(name)}</text>')
        x += 16 + 13 * len(name) + 12 if any(ord(ch) > 0x2E80 for ch in name) \
            else 16 + 7 * len(name) + 12
    for row, (label, counts) in enumerate(rows):
        y = top + row * (bar + gap)
        parts.append(f'<text x="{label_w - 6}" y="{y + bar * 0.7:.0f}" font-size="13" '
                     f'text-anchor="end">{escape(label[:18])}</text>')
        x = label_w
        for i, n in enumerate(counts):
            w = inner * n / biggest
            if w > 0:
                parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar}" '
                             f'fill="{LEVEL_COLOURS[i % len(LEVEL_COLOURS)]}">'
                             f'<title>{escape(legend[i])}: {n}</title></rect>')
            x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{y + bar * 0.7:.0f}" font-size="12">'
                     f'{sum(counts)}</text>')
    parts.append("</svg>")
    return "".join(parts)
