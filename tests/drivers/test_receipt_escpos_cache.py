"""The python-escpos capabilities cache (drivers/receipt/__init__.py): processes that start
together share it without reading each other's half-written file, and a file cut short by a
power cut is rebuilt instead of breaking every later start of the receipt driver."""
import os
import platform
import subprocess
import sys

# The package imports python-escpos on first use (escpos_ready), not at import.
_IMPORT = ("import drivers.receipt; drivers.receipt.escpos_ready(); "
           "import escpos.capabilities as c; print(len(c.CAPABILITIES['profiles']))")


def _start(cache_home):
    env = dict(os.environ, XDG_CACHE_HOME=str(cache_home))
    env.pop("ESCPOS_CAPABILITIES_PICKLE_DIR", None)
    return subprocess.Popen([sys.executable, "-c", _IMPORT], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _pickle(cache_home):
    return cache_home / "gd-kiosk" / "escpos" / f"{platform.python_version()}.capabilities.pickle"


def test_processes_starting_together_all_load_the_capabilities(tmp_path):
    for attempt in range(3):         # a fresh cache each round: the race is at the first write
        home = tmp_path / str(attempt)
        procs = [_start(home) for _ in range(8)]
        results = [(p.wait(timeout=60), *p.communicate()) for p in procs]
        for rc, out, err in results:
            assert rc == 0, err
            assert int(out) > 10
        assert _pickle(home).stat().st_size > 0


def test_a_cache_file_cut_short_is_rebuilt(tmp_path):
    path = _pickle(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x80\x04\x95")      # the first bytes of a pickle, then the power went
    os.utime(path, (2**31, 2**31))          # newer than capabilities.json: escpos trusts it
    proc = _start(tmp_path)
    rc, (out, err) = proc.wait(timeout=60), proc.communicate()
    assert rc == 0, err
    assert int(out) > 10
    assert path.stat().st_size > 1000       # and the next start reads a whole file
