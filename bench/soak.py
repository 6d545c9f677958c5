"""Memory over days: scripted citizen sessions offscreen, on the simulators and a local
reference hall (as ``kiosk demo --headless``), sampling the process's memory.

    flock /tmp/kiosk-shared.lock .venv/bin/python bench/soak.py [--sessions N] [--every K]

Each session is one of the demo's journeys (kiosk/demo_journeys.py: every service of the
catalog, elder mode, English) in turn, followed by a short visit that switches the
language (简体 / 繁體 / English, in turn) and the mode (normal / elder, in turn), opens the
home screen and ends. Every ``--every`` sessions it samples, after a full collection:

- RSS (``/proc/self/statm``),
- Python heap objects (``len(gc.get_objects())``; with ``--tracemalloc``, the allocations
  that grew most are listed at the end),
- QML objects: the QObjects under the window and the items of its visual tree.

After a warm-up (the first 10 % of the sessions) it reports the RSS growth (the median of
the last three samples minus that of the first three) and each count's slope per 1,000
sessions (least squares), next to the idle RSS measured before the first session. Targets
(issue 16): growth <= 5 MB after the warm-up, counts flat, idle RSS <= 250 MB.

The default is 200 sessions (the journeys take about 2-4 s each here): ``--sessions 2000``
runs the issue's full figure.
"""
from __future__ import annotations

import argparse
import ctypes
import gc
import logging
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LANGUAGES = ("zh_CN", "zh_TW", "en")
PAGE = resource.getpagesize()


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE / 2**20


def census(ui) -> Counter[str]:
    """The QObjects under the window by class (what grew is named at the end)."""
    from PySide6.QtCore import QObject
    return Counter(o.metaObject().className() for o in ui.window.findChildren(QObject))


def qml_counts(ui) -> tuple[int, int]:
    """(QObjects under the window, items in its visual tree)."""
    from PySide6.QtCore import QObject
    objects = len(ui.window.findChildren(QObject))
    items, stack = 0, [ui.window.contentItem()]
    while stack:
        item = stack.pop()
        items += 1
        stack.extend(item.childItems())
    return objects, items


def slope(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope of ys over xs (0 with fewer than two points)."""
    if len(xs) < 2:
        return 0.0
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den if den else 0.0


def visit(stage, language: str, elder: bool) -> None:
    """The short session between two journeys: language and mode switched, home, end."""
    r, c = stage.robot, stage.controller
    if c.screen == "attract":
        r.click("attractArea")
    r.wait_screen("home")
    c.setLanguage(language)
    c.setElderMode(elder)
    r.process(0.1)
    c.finish()
    r.wait_screen("attract", timeout=10)


def deferred_deletes() -> None:
    """Delete what was deleteLater()'d, as the app's event loop does at each turn: the
    robot turns the loop with processEvents(), which leaves DeferredDelete events queued
    (the screens a Loader replaced, ...), so without this every screen shown would seem
    to leak."""
    from PySide6.QtCore import QCoreApplication, QEvent
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def sample(stage, session: int, started: float, trim: bool = False) -> dict:
    gc.collect()
    if trim:        # tells a leak from memory the JS heap or malloc keeps for reuse
        stage.ui.engine.collectGarbage()
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    objects, items = qml_counts(stage.ui)
    return {"session": session, "at": time.monotonic() - started, "rss": rss_mb(),
            "py_objects": len(gc.get_objects()), "qobjects": objects, "items": items,
            # A C extension taking references from None kills the process when they run
            # out (Python 3.11 counts None's): it falls session after session.
            "none_refs": sys.getrefcount(None)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--every", type=int, default=10, help="sample every K sessions")
    parser.add_argument("--keep-deferred", action="store_true",
                        help="leave deleteLater()'d objects queued (the robot's loop does)")
    parser.add_argument("--trim", action="store_true",
                        help="before each sample, collect the QML engine's JS garbage and "
                             "give malloc's free memory back (malloc_trim)")
    parser.add_argument("--tracemalloc", action="store_true",
                        help="list the allocations that grew most after the warm-up")
    args = parser.parse_args()
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    from kiosk import demo as demo_mod
    from kiosk import demo_journeys

    work = Path(tempfile.mkdtemp(prefix="kiosk-soak-"))
    stage = demo_mod.open_stage(work / "out", work / "sim")
    terminal, ui = stage.terminal, stage.ui
    stage.out.mkdir()
    stage.shot = lambda name: None          # no screenshots: they are not what is measured
    warmup = max(1, args.sessions // 10)
    samples: list[dict] = []
    failures: dict[str, int] = {}
    try:
        stage.wait_ready()
        stage.robot.wait_for(lambda: terminal.guides_ready and ui.warmer.ready(), 20,
                             "the guides and the screens compiled")
        stage.robot.process(2.0)
        started = time.monotonic()
        idle = sample(stage, 0, started, args.trim)
        journeys = demo_journeys.JOURNEYS
        for n in range(1, args.sessions + 1):
            journey = journeys[(n - 1) % len(journeys)]
            outcome = demo_mod._run(stage, journey)
            if outcome != "ok":
                failures[journey.__name__] = failures.get(journey.__name__, 0) + 1
                print(f"session {n}: {journey.__name__}: {outcome}", flush=True)
            visit(stage, LANGUAGES[n % 3], elder=bool((n // 3) % 2))
            if not args.keep_deferred:
                deferred_deletes()
            if n == warmup:
                classes = census(ui)
            if n == warmup and args.tracemalloc:
                tracemalloc.start(10)
                snapshot = tracemalloc.take_snapshot()
            if n % args.every == 0 or n == args.sessions:
                samples.append(sample(stage, n, started, args.trim))
                s = samples[-1]
                print(f"{n:5d} sessions {s['at']:7.0f} s  RSS {s['rss']:6.1f} MB  "
                      f"py objects {s['py_objects']:8d}  QObjects {s['qobjects']:5d}  "
                      f"items {s['items']:5d}  refs to None {s['none_refs']:6d}  "
                      f"({journey.__name__})", flush=True)
        classes_grown = census(ui)
        classes_grown.subtract(classes)
        grown = tracemalloc.take_snapshot().compare_to(snapshot, "lineno") \
            if args.tracemalloc else []
    finally:
        stage.close()

    after = [s for s in samples if s["session"] >= warmup]
    xs = [s["session"] for s in after]
    head = statistics.median(s["rss"] for s in after[:3])
    tail = statistics.median(s["rss"] for s in after[-3:])
    elapsed = samples[-1]["at"]
    print(f"\n{args.sessions} sessions in {elapsed:.0f} s ({elapsed / args.sessions:.2f} s each), "
          f"{sum(failures.values())} failed {failures or ''}")
    print(f"idle RSS (before the first session)   {idle['rss']:7.1f} MB   (target <= 250)")
    print(f"RSS after the {warmup}-session warm-up     {head:7.1f} MB -> {tail:.1f} MB at "
          f"{xs[-1]}: growth {tail - head:+.1f} MB   (target <= 5)")
    for key, what in (("rss", "RSS, MB"), ("py_objects", "Python heap objects"),
                      ("qobjects", "QObjects under the window"),
                      ("items", "visual items")):
        ys = [float(s[key]) for s in after]
        print(f"  slope of {what:<26} {slope(xs, ys) * 1000:+10.1f} per 1,000 sessions "
              f"({ys[0]:.0f} -> {ys[-1]:.0f})")
    more = [(name, n) for name, n in classes_grown.most_common(8) if n > 0]
    if more:
        print("  QObjects that grew after the warm-up: "
              + ", ".join(f"{name} +{n}" for name, n in more))
    for stat in grown[:10]:
        print(f"  grew: {stat}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
