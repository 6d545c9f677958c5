"""``kiosk demo``: the simulators and the app together.

With a display it opens the kiosk window on simulated devices (a resident ID card lies
on the simulated reader). With none (or ``--headless``) it runs scripted citizen
journeys offscreen through real touches — every service of the catalog at least once,
against a local reference hall process — and writes into ``out``: a screenshot of every
screen passed (some in elder mode and other languages), the rendered receipts (PNG), the
A4 documents (PDF) and ``summary.txt``; then exits 0, or 1 when a journey failed.

The journeys are in :mod:`kiosk.demo_journeys`; each leaves the terminal on the attract
screen with no personal data left in the UI, which the demo checks after each one.
"""
from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from pathlib import Path

from kiosk.core import config as config_mod

log = logging.getLogger(__name__)


# Screens a citizen cannot leave: the second or two while a ticket is numbered or a door
# opens. Every other screen has the bottom bar (NavBar.qml).
NO_WAY_OUT = frozenset({"attract", "issuing", "opening"})
# The labels "end" once had besides 结束办理 (issue 13): none may come back.
OLD_END_LABELS = frozenset({"完成", "跳过", "看完了", "我已取走凭条", "我已记下号码",
                            "我已取走文件", "我已取件", "返回首页", "Done", "Skip"})


def _items(root):
    stack = [root]
    while stack:
        item = stack.pop()
        yield item
        stack.extend(item.childItems())


def demo(out: str | Path, *, headless: bool = False, config_path: str | None = None) -> int:
    has_display = bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if has_display and not headless:
        from kiosk.ui.main import run
        return run(config_path, simulate=True, windowed=True)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return _scripted(Path(out), config_path)


class Stage:
    """What a journey works with: the simulators, the terminal, the UI, the robot, and
    where its screenshots, documents and log lines go."""

    def __init__(self, out: Path, sim, terminal, ui, robot) -> None:
        self.out, self.sim, self.terminal, self.ui, self.robot = out, sim, terminal, ui, robot
        self.controller = ui.controller
        self.services: list[str] = []       # the services the journeys opened, in order
        opened = robot.open_service

        def open_service(code: str, *args, **kwargs) -> None:
            opened(code, *args, **kwargs)
            if code not in self.services:
                self.services.append(code)

        robot.open_service = open_service
        self.shots: list[str] = []
        self.documents: list[str] = []
        self.log: list[str] = []

    def wait_ready(self) -> None:
        """Every simulated device online and the first sync with the hall done."""
        self.robot.wait_for(
            lambda: all(st.usable for st in self.terminal.statuses().values()), 20,
            "every simulated device to come online")
        self.robot.wait_for(lambda: self.sync_status()["last_success"], 20,
                            "the first sync with the local hall")

    def close(self) -> None:
        """The UI, then the terminal, then the simulators (and their hall)."""
        self.ui.close()
        self.terminal.stop()
        self.sim.stop()

    def watch_navigation(self) -> None:
        """Audit every screen the journeys pass (the screen walker): one bottom bar, one
        end button with the one label of its language, and none of the old ways to say
        "end" on any other button. What it found is in :attr:`navigation`."""
        from PySide6.QtCore import QTimer
        self.navigation: dict[str, str] = {}     # screen -> "" (fine) or what is wrong
        self.end_labels: set[tuple[str, str]] = set()
        self.controller.changed.connect(lambda: QTimer.singleShot(0, self._audit))

    def _audit(self) -> None:
        screen = self.controller.screen
        root = self.robot.find("screenLoader")
        item = root.property("item") if root is not None else None
        if item is None or screen in NO_WAY_OUT:
            return
        shown = [i for i in _items(item) if i.isVisible()]
        bars = [i for i in shown if i.objectName() == "navBar"]
        ends = [i for i in shown if i.objectName() == "homeButton"]
        old = [str(i.property("label")) for i in shown
               if str(i.property("label") or "").strip("⌂‹› ") in OLD_END_LABELS]
        problem = ""
        if len(bars) != 1 or len(ends) != 1:
            problem = f"{len(bars)} bottom bars, {len(ends)} end buttons"
        elif old:
            problem = f"ends under another name: {old}"
        else:
            self.end_labels.add((self.controller.language, str(ends[0].property("label"))))
        if problem or screen not in self.navigation:
            self.navigation[screen] = problem

    def shot(self, name: str) -> None:
        path = self.out / f"{len(self.shots) + 1:02d}-{name}.png"
        self.robot.screenshot(path)
        self.shots.append(path.name)

    def note(self, line: str) -> None:
        self.log.append(line)

    def keep_pdf(self, after: float, name: str) -> None:
        pdf = self.sim.docprinter.wait_for_pdf(after=after, timeout=30)
        shutil.copyfile(pdf, self.out / name)
        self.documents.append(name)

    def sync_status(self) -> dict:
        from offline_cache import db, sync
        conn = db.connect(self.terminal.config.data_dir / "kiosk.db")
        try:
            return sync.status(conn)
        finally:
            conn.close()


def open_stage(out: Path, workdir: str | Path, config_path: str | None = None) -> Stage:
    """The demo's stage, for the demo and the benches that run its journeys
    (bench/gui_stalls.py, bench/soak.py): the simulators under ``workdir`` with a local
    hall, the terminal started on them, its UI and robot; screenshots into ``out``.
    :meth:`Stage.wait_ready` before the first journey, :meth:`Stage.close` after."""
    from kiosk.core.simulation import Simulation
    from kiosk.core.terminal import Terminal
    from kiosk.ui.app import create
    from kiosk.ui.robot import UiRobot

    sim = Simulation(workdir, card_present=False, hall=True)
    cfg = sim.start(config_mod.load(config_path))
    terminal = Terminal(cfg, poll_interval=0.3, simulated=True)
    terminal.start()
    ui = create(terminal)
    return Stage(out, sim, terminal, ui, UiRobot(ui))


def _scripted(out: Path, config_path: str | None) -> int:
    from kiosk import demo_journeys

    out.mkdir(parents=True, exist_ok=True)
    for old in (*out.glob("*.png"), *out.glob("*.pdf")):
        old.unlink()
    started = time.monotonic()
    stage = open_stage(out, tempfile.mkdtemp(prefix="kiosk-demo-"), config_path)
    sim, terminal = stage.sim, stage.terminal
    stage.watch_navigation()
    results: list[tuple[str, str]] = []
    try:
        stage.wait_ready()
        devices = [_device_line(st) for st in terminal.statuses().values()]
        for journey in demo_journeys.JOURNEYS:
            results.append((journey.__name__, _run(stage, journey)))
        receipts = []
        for i, r in enumerate(sim.printer.receipts, start=1):
            target = out / f"receipt-{i}.png"
            shutil.copyfile(r.png_path, target)
            receipts.append((target.name, r.text))
    finally:
        stage.close()

    failed = [name for name, outcome in results if outcome != "ok"]
    missed = [s.code for s in terminal.catalog.services if s.code not in stage.services]
    lines = [f"kiosk demo: {len(results)} journeys ({len(failed)} failed), "
             f"{len(stage.shots)} screens, {len(receipts)} receipts, "
             f"{len(stage.documents)} A4 documents, {time.monotonic() - started:.1f} s", "",
             f"services opened: {len(stage.services)} of {len(terminal.catalog.services)}"
             + (f" (not: {', '.join(missed)})" if missed else ""), "", "journeys:"]
    lines += [f"  {name:<34} {outcome}" for name, outcome in results]
    lines += ["", "screens:"] + [f"  {name}" for name in stage.shots]
    wrong = {screen: why for screen, why in stage.navigation.items() if why}
    languages = {language for language, _ in stage.end_labels}
    one_label = len(stage.end_labels) == len(languages)
    lines += ["", f"navigation: {len(stage.navigation)} screens walked "
              f"({', '.join(sorted(stage.navigation))}); "
              + ("every one with the bottom bar and one end button" if not wrong else
                 f"{len(wrong)} wrong") + "; end labelled "
              + " / ".join(sorted(label for _, label in stage.end_labels))
              + ("" if one_label else " (more than one label in a language)")]
    lines += [f"  {screen}: {why}" for screen, why in sorted(wrong.items())]
    lines += ["", "what happened (a local reference hall process over HTTP):"]
    lines += [f"  {line}" for line in stage.log]
    lines += ["", "devices (all simulated, real protocols over real transports):"]
    lines += [f"  {line}" for line in devices]
    lines += [f"  {kind:<10} left out: {why}" for kind, why in sim.skipped.items()]
    lines += ["", "A4 documents printed through CUPS:"] + [f"  {d}" for d in stage.documents]
    lines += ["", "receipts:"]
    for name, text in receipts:
        lines += [f"  {name}:"] + [f"    {line}" for line in text.splitlines()]
    (out / "summary.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[:1]))
    for name in failed:
        print(f"FAILED: {name}: {dict(results)[name]}")
    print(f"wrote {len(stage.shots)} screenshots, {len(receipts)} receipts and summary.txt "
          f"to {out.resolve()}")
    return 1 if failed else 0


def _run(stage: Stage, journey) -> str:
    """One journey; afterwards the terminal is back on the attract screen with no
    personal data in the UI, whatever happened (a failing journey is reported, and the
    next one starts from a clean state)."""
    try:
        journey(stage)
        stage.robot.wait_screen("attract", timeout=10)
        held = stage.controller.personal_data()
        if held:
            return f"personal data left after the journey: {sorted(held)}"
        return "ok"
    except Exception as exc:
        log.exception("demo journey %s failed", journey.__name__)
        stage.shot(f"FAILED-{journey.__name__}")
        # The next journey starts clean: no card left in a reader, no session.
        for sim in (stage.sim.idcard, stage.sim.sscard):
            if sim is not None:
                sim.remove()
        stage.controller.finish()
        return f"{type(exc).__name__}: {exc}"


def _device_line(status) -> str:
    consumables = " ".join(f"{k}={v}" for k, v in status.consumables.items())
    return f"{status.name:<10} {status.kind:<10} {status.state.value:<8} {consumables}".rstrip()
