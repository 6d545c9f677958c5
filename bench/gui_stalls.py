"""How long the GUI thread stalls during every demo journey, next to a bare QML window
with an animation measured by the same probe in the same run.

    .venv/bin/python bench/gui_stalls.py [--journeys NAME,...] [--baseline-s 5] [--json PATH]

The journeys are ``kiosk demo --headless``'s (kiosk/demo_journeys.py), driven the same way
(kiosk/ui/robot.py: real touches on the offscreen window, the simulators, a local hall).
The probe, all on the GUI thread:

- a 2 ms precise QTimer measuring its own lateness (how much later than 2 ms after the
  previous tick it fired): any work the event loop runs shows up in it;
- the window's frame intervals (``frameSwapped``), kept animating by a 2x2 px item so that
  a frame is due every vsync, as the baseline's animation does: an interval above ~17 ms is
  a frame missed.

Only the app's time is measured: the robot's own work on the GUI thread (its waits'
predicates, walking the item tree, screenshots, the demo's screen audit, the journey code
between two touches) is left out, and its waits run a real event loop (QEventLoop) instead
of ``processEvents`` + ``sleep``. The touches themselves count (the app's handlers run in
them).

A stall above 16 ms is attributed: a sampler thread takes the GUI thread's Python stack every
2 ms while the probe's timer is overdue; the worst stall of each journey names the screen
and the project's frames on that stack (the handler entered, and where the time went), or
"Qt" when no Python of ours ran (QML compiling a screen, rendering, image decoding).
Target: p99 <= 16 ms and max <= 50 ms of the timer's lateness in every journey.

Needs pcscd and CUPS (``make setup``); takes the lock the tests share them under.
"""
from __future__ import annotations

import argparse
import collections
import fcntl
import json
import os
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer  # noqa: E402
from PySide6.QtQml import QQmlApplicationEngine, QQmlComponent  # noqa: E402
from PySide6.QtQuick import QQuickItem, QQuickWindow  # noqa: E402

INTERVAL_MS = 2
STALL_MS = 16.0
TARGET_P99_MS, TARGET_MAX_MS = 16.0, 50.0
SAMPLE_S = 0.002
LOCK = "/tmp/kiosk-shared.lock"
OURS = tuple(str(ROOT / d) + os.sep for d in ("kiosk", "drivers", "offline_cache"))
NOT_OURS = (str(ROOT / "kiosk" / "ui" / "robot.py"), str(ROOT / "kiosk" / "demo.py"),
            str(ROOT / "kiosk" / "demo_journeys.py"))

ANIMATED = b"""import QtQuick
Item { objectName: "stallProbeAnimation"; width: 2; height: 2; opacity: 0.02
    RotationAnimation on rotation { from: 0; to: 360; duration: 1000; loops: Animation.Infinite }
    Rectangle { anchors.fill: parent; color: "grey" } }
"""
BARE = b"""import QtQuick
Window { width: 1920; height: 1080; visible: true
    Text { anchors.centerIn: parent; font.pointSize: 40
        text: "\xe8\xaf\xb7\xe8\xa7\xa6\xe6\x91\xb8" }
    Rectangle { width: 200; height: 200; color: "red"; x: 100; y: 100
        RotationAnimation on rotation {
            from: 0; to: 360; duration: 2000; loops: Animation.Infinite } }
}
"""


@dataclass
class Stall:
    ms: float
    screen: str
    stacks: list[tuple[str, ...]] = field(default_factory=list)

    def where(self) -> str:
        if not self.stacks:
            return "not sampled"
        python = [s for s in self.stacks if s]
        if not python:
            return "Qt (no Python of ours on the stack)"
        entry = collections.Counter(s[0] for s in python).most_common(1)[0][0]
        inner = collections.Counter(s[-1] for s in python).most_common(1)[0][0]
        share = f"{len(python)}/{len(self.stacks)} samples in Python"
        return f"{entry} -> {inner} ({share})" if inner != entry else f"{entry} ({share})"


@dataclass
class Figures:
    name: str
    lateness: list[float] = field(default_factory=list)     # ms, one per tick
    frames: list[float] = field(default_factory=list)       # ms, between two frames
    worst: Stall | None = None
    stalls: list[Stall] = field(default_factory=list)       # every one above STALL_MS
    app_s: float = 0.0              # the time measured (the harness's left out)
    wall_s: float = 0.0

    def row(self) -> dict:
        return {"journey": self.name, "ticks": len(self.lateness),
                "app_s": round(self.app_s, 2), "wall_s": round(self.wall_s, 2),
                "p99_ms": quantile(self.lateness, 0.99), "max_ms": max(self.lateness, default=0),
                "frame_p99_ms": quantile(self.frames, 0.99),
                "frame_max_ms": max(self.frames, default=0),
                "stalls_over_16ms": len(self.stalls),
                "worst_screen": self.worst.screen if self.worst else "",
                "worst_where": self.worst.where() if self.worst else ""}


def quantile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class Probe(QObject):
    """The timer and the frame clock of one window, with the harness's time left out
    (:meth:`harness` / :meth:`app` switch what is being counted)."""

    def __init__(self, window: QQuickWindow, screen=lambda: "") -> None:
        super().__init__()
        self._screen = screen
        self._gui = threading.get_ident()
        self.figures = Figures("")
        self._counting = True
        self._paused_at = 0.0
        self._excluded_tick = self._excluded_frame = 0.0
        self._last_tick = self._last_frame = None
        self._gap_stacks: list[tuple[str, ...]] = []
        self._gap_screen = ""
        self._started = self._harness_s = 0.0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.PreciseTimer)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self._tick)
        window.frameSwapped.connect(self._frame, Qt.DirectConnection)
        self._stop = threading.Event()
        self._sampler = threading.Thread(target=self._sample, daemon=True, name="stall-sampler")

    def start(self, name: str) -> None:
        self.figures = Figures(name)
        self._started, self._harness_s = time.perf_counter(), 0.0
        self._last_tick = self._last_frame = None
        self._timer.start()
        if not self._sampler.is_alive():
            self._sampler.start()

    def stop(self) -> Figures:
        self._timer.stop()
        fig = self.figures
        fig.wall_s = time.perf_counter() - self._started
        harness = self._harness_s + (0 if self._counting else time.perf_counter() - self._paused_at)
        fig.app_s = fig.wall_s - harness
        return fig

    def close(self) -> None:
        self._timer.stop()
        self._stop.set()

    # -- what counts ------------------------------------------------------------------------
    def harness(self) -> None:
        if self._counting:
            self._counting, self._paused_at = False, time.perf_counter()

    def app(self) -> None:
        if not self._counting:
            away = time.perf_counter() - self._paused_at
            self._harness_s += away
            self._excluded_tick += away
            self._excluded_frame += away
            self._counting = True

    # -- the clocks ---------------------------------------------------------------------------
    def _tick(self) -> None:
        now = time.perf_counter()
        if self._last_tick is not None:
            late = max(0.0, (now - self._last_tick - self._excluded_tick) * 1000 - INTERVAL_MS)
            fig = self.figures
            fig.lateness.append(late)
            if late > STALL_MS:
                stall = Stall(late, self._gap_screen or self._screen(), self._gap_stacks)
                fig.stalls.append(stall)
                if fig.worst is None or late > fig.worst.ms:
                    fig.worst = stall
        self._last_tick, self._excluded_tick = now, 0.0
        self._gap_stacks, self._gap_screen = [], ""

    def _frame(self) -> None:
        now = time.perf_counter()
        if self._last_frame is not None and self._counting and self._timer.isActive():
            self.figures.frames.append((now - self._last_frame - self._excluded_frame) * 1000)
        self._last_frame, self._excluded_frame = now, 0.0

    def _sample(self) -> None:
        while not self._stop.wait(SAMPLE_S):
            last = self._last_tick
            if last is None or not self._counting or not self._timer.isActive():
                continue
            if (time.perf_counter() - last - self._excluded_tick) * 1000 < STALL_MS:
                continue
            frame = sys._current_frames().get(self._gui)
            if frame is None:
                continue
            ours = []
            while frame is not None:
                name = frame.f_code.co_filename
                if name.startswith(OURS) and name not in NOT_OURS:
                    ours.append(f"{os.path.relpath(name, ROOT)}:{frame.f_code.co_name}")
                frame = frame.f_back
            if not self._gap_screen:
                self._gap_screen = self._screen()
            self._gap_stacks.append(tuple(reversed(ours)))


def pump(probe: Probe, seconds: float) -> None:
    """The robot's ``process``: a real event loop for ``seconds`` (at least one pass)."""
    probe.app()
    loop = QEventLoop()
    QTimer.singleShot(max(1, int(seconds * 1000)), loop.quit)
    loop.exec()
    probe.harness()


def baseline(app, seconds: float) -> Figures:
    engine = QQmlApplicationEngine()
    engine.loadData(BARE)
    window = engine.rootObjects()[0]
    probe = Probe(window)
    pump(probe, 0.5)                     # past the first frame
    probe.start("bare QML window")
    end = time.monotonic() + seconds
    while time.monotonic() < end:        # waits of the robot's length, as the journeys do
        pump(probe, 0.02)
    figures = probe.stop()
    probe.close()
    window.close()
    del engine
    return figures


def keep_animating(ui) -> QQuickItem:
    component = QQmlComponent(ui.engine)
    component.setData(ANIMATED, "")
    item = component.create()
    item.setParentItem(ui.window.contentItem())
    item.setParent(ui.window)
    return item


def instrument(probe: Probe, robot, stage) -> None:
    """The robot and the stage on the probe: their own work is the harness's."""
    robot.process = lambda seconds=0.0: pump(probe, seconds)

    def left_out(method):
        def wrapper(*args, **kwargs):
            counting = probe._counting
            probe.harness()
            try:
                return method(*args, **kwargs)
            finally:
                if counting:
                    probe.app()
        return wrapper

    for name in ("find", "screenshot"):
        setattr(robot, name, left_out(getattr(robot, name)))
    wait_for = robot.wait_for

    def waiting(predicate, *args, **kwargs):
        return wait_for(left_out(predicate), *args, **kwargs)

    robot.wait_for = waiting
    stage._audit = left_out(stage._audit)
    stage.sync_status = left_out(stage.sync_status)

    from PySide6.QtTest import QTest
    for name in ("mouseClick", "keyClick"):
        real = getattr(QTest, name)

        def touching(*args, _real=real, **kwargs):
            probe.app()
            try:
                return _real(*args, **kwargs)
            finally:
                probe.harness()
        setattr(QTest, name, touching)


def journeys(names: list[str] | None, profile=None) -> list[Figures]:
    from kiosk import demo, demo_journeys

    chosen = [j for j in demo_journeys.JOURNEYS if not names or j.__name__ in names]
    unknown = set(names or ()) - {j.__name__ for j in chosen}
    if unknown:         # no journey measured would read as "target met"
        raise SystemExit(f"no such demo journey: {', '.join(sorted(unknown))} (they are: "
                         f"{', '.join(j.__name__ for j in demo_journeys.JOURNEYS)})")
    out = Path(tempfile.mkdtemp(prefix="gui-stalls-"))
    stage = demo.open_stage(out, out / "sim")
    ui, robot = stage.ui, stage.robot
    probe = Probe(ui.window, lambda: ui.controller.screen)
    instrument(probe, robot, stage)
    stage.watch_navigation()
    keep_animating(ui)
    results: list[Figures] = []
    try:
        stage.wait_ready()
        probe.harness()
        for journey in chosen:
            probe.start(journey.__name__)
            if profile is not None:
                profile.enable()
            outcome = demo._run(stage, journey)
            if profile is not None:
                profile.disable()
            figures = probe.stop()
            if outcome != "ok":
                figures.name += f" (FAILED: {outcome})"
            results.append(figures)
            print(f"  {figures.name} done", file=sys.stderr, flush=True)
    finally:
        probe.app()
        probe.close()
        stage.close()
    return results


def report(base: Figures, results: list[Figures]) -> bool:
    print(f"GUI-thread stalls: {INTERVAL_MS} ms timer lateness and frame intervals, ms "
          f"(target p99 <= {TARGET_P99_MS:.0f}, max <= {TARGET_MAX_MS:.0f}; offscreen)")
    print(f"  {'':<36} {'app s':>6} {'ticks':>6} {'p99':>6} {'max':>6} {'>16ms':>5}  "
          f"{'frame p99':>9} {'max':>6}  worst stall")
    ok = True
    every = Figures("all journeys")
    for f in [base, *results]:
        r = f.row()
        met = r["p99_ms"] <= TARGET_P99_MS and r["max_ms"] <= TARGET_MAX_MS
        if f is not base:
            ok &= met and "FAILED" not in f.name
            every.lateness += f.lateness
            every.frames += f.frames
        where = f"{r['worst_screen']}: {r['worst_where']}" if f.worst else ""
        print(f"  {f.name[:36]:<36} {r['app_s']:6.1f} {r['ticks']:>6} {r['p99_ms']:6.1f} "
              f"{r['max_ms']:6.1f} {r['stalls_over_16ms']:>5}  {r['frame_p99_ms']:9.1f} "
              f"{r['frame_max_ms']:6.1f}  {'' if met else 'MISSED '}{where}")
    r = every.row()
    print(f"  {'all journeys':<36} {sum(f.app_s for f in results):6.1f} {r['ticks']:>6} "
          f"{r['p99_ms']:6.1f} {r['max_ms']:6.1f} {'':>5}  {r['frame_p99_ms']:9.1f} "
          f"{r['frame_max_ms']:6.1f}")
    b = base.row()
    print(f"ratio to the bare window: p99 {r['p99_ms'] / max(b['p99_ms'], 0.1):.1f}x, "
          f"max {r['max_ms'] / max(b['max_ms'], 0.1):.1f}x; target "
          f"{'met' if ok else 'MISSED'} in {'every journey' if ok else 'some journeys'}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journeys", help="comma-separated names (default: all)")
    parser.add_argument("--baseline-s", type=float, default=5.0)
    parser.add_argument("--json", type=Path, help="write the figures and every stall here")
    parser.add_argument("--stalls", action="store_true", help="list every stall over 16 ms")
    parser.add_argument("--profile", type=int, metavar="N",
                        help="also print the GUI thread's N costliest functions (cProfile: "
                             "slows the app, so the stall figures are then not the app's)")
    parser.add_argument("--callers", help="with --profile: who called the functions matching "
                                          "this regular expression")
    args = parser.parse_args(argv)

    from kiosk.ui.app import ensure_app
    app = ensure_app()
    started = time.monotonic()
    with open(LOCK, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)        # pcscd and CUPS, shared with the tests
        base = baseline(app, args.baseline_s)
        profile = None
        if args.profile:
            import cProfile
            profile = cProfile.Profile()
        results = journeys(args.journeys.split(",") if args.journeys else None, profile)
    ok = report(base, results)
    if args.stalls:
        for f in results:
            for s in f.stalls:
                print(f"  {f.name}: {s.ms:6.1f} ms on {s.screen}: {s.where()}")
    if args.json:
        args.json.write_text(json.dumps(
            {"baseline": base.row(), "journeys": [f.row() for f in results],
             "stalls": [{"journey": f.name, "ms": s.ms, "screen": s.screen, "where": s.where(),
                         "stacks": s.stacks} for f in results for s in f.stalls]},
            indent=1, ensure_ascii=False))
    if profile is not None:
        import pstats
        stats = pstats.Stats(profile).sort_stats("tottime")
        stats.print_stats(args.profile)
        if args.callers:
            stats.print_callers(args.callers)
    print(f"total run time {time.monotonic() - started:.1f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
