"""What bench/gui_stalls.py found stalling the GUI thread stays gone (issue 16). Structural
checks only, no timings: how often a costly property is computed, whether the screens are
compiled before their first show."""
import re

from kiosk.ui.app import QML_DIR


def _counting(part, name):
    calls = []
    real = getattr(part, name)

    def counted():
        calls.append(1)
        return real()
    setattr(part, name, counted)
    return calls


def test_the_home_tiles_are_computed_once_per_change(make_kiosk):
    """home.tiles asks every service's availability; QML reads it from several bindings
    (the pages, the page's model...), and a screen change read it 18 times inside the
    touch's handler. Now: once per change, however often it is read."""
    k = make_kiosk()
    home = k.controller.parts["home"]
    calls = _counting(home, "_make_tiles")
    changes = []
    home.changed.connect(lambda: changes.append(1))
    k.controller.start()                    # attract -> home
    k.robot.wait_screen("home")
    # The screen built reads it once, and again once when the part's change reaches it.
    assert 1 <= len(calls) <= len(changes) + 1
    done = len(calls)
    for _ in range(5):
        assert home.property("tiles")
    assert len(calls) == done
    home.notify()                           # the part's own change: read again, once
    k.robot.process(0.1)
    assert home.property("tiles") and len(calls) == done + 1
    k.controller.finish()


def test_every_screen_is_compiled_after_the_first_frame(make_kiosk):
    """The screens' QML is compiled in the background once the first frame is shown
    (kiosk/ui/warm.py), so no first show compiles inside a touch; each compiled cleanly."""
    k = make_kiosk()
    warmer = k.ui.warmer
    k.robot.wait_for(warmer.ready, 20, "the screens compiled")
    compiled = {c.url().fileName(): c for c in warmer.components}
    shown = set(re.findall(r'"(\w+Screen\.qml)"', (QML_DIR / "Main.qml").read_text()))
    assert shown and shown <= set(compiled)
    broken = {name: c.errorString() for name, c in compiled.items() if not c.isReady()}
    assert not broken
