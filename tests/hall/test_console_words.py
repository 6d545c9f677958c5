"""The console's device words (hall/console/i18n.py) against what the terminals report.

The hall shares no code with the kiosk, so the console keeps its own table of the
heartbeat's wire values; this test reads the kiosk's side (its DeviceState and Paper
enums, the device kinds of drivers/registry.py, the data disk's states and, from the
drivers' source, every consumable a driver hands to its status) so that a value added
on the kiosk without a console word fails here, not in front of a hall manager.
"""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

from drivers import registry
from drivers.base.model import DeviceState, Paper
from hall.console import i18n
from kiosk.core.tech import wording

ROOT = Path(__file__).resolve().parents[2]
Found = dict[str, set[str]]


def _assignments(tree: ast.AST):
    """Each ``a = ...`` and ``a: T = ...`` under ``tree``, with its targets."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            yield node, node.targets
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            yield node, [node.target]


def _named(targets: list[ast.expr], name: str) -> bool:
    return any(isinstance(t, ast.Name) and t.id == name for t in targets)


class _Module:
    """One driver module's source: where ``consumables`` come from, followed through
    local names, local functions and ``self.<attr>[...]`` assignments as far as the
    values are string literals (a free value, a count or a door list, stays unknown)."""

    def __init__(self, path: Path) -> None:
        self.tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        self.parent: dict[ast.AST, ast.AST] = {}
        self.functions: dict[str, list[ast.FunctionDef]] = defaultdict(list)
        for node in ast.walk(self.tree):
            for child in ast.iter_child_nodes(node):
                self.parent[child] = node
            if isinstance(node, ast.FunctionDef):
                self.functions[node.name].append(node)

    def scope(self, node: ast.AST) -> ast.AST:
        while node in self.parent and not isinstance(node, ast.FunctionDef):
            node = self.parent[node]
        return node

    def roots(self) -> list[tuple[ast.expr, ast.AST]]:
        out = []
        for node in ast.walk(self.tree):
            # consumables=... (a status set), consumables = ... (a dict built first)
            if (isinstance(node, ast.keyword) and node.arg == "consumables") or (
                    isinstance(node, ast.Assign) and _named(node.targets, "consumables")):
                out.append((node.value, self.scope(node)))
        return out

    def _assigned(self, name: str, scope: ast.AST):
        for node, targets in _assignments(scope):
            if node.value is not None:
                for target in targets:
                    if isinstance(target, ast.Name) and target.id == name:
                        yield None, node.value
                    elif isinstance(target, ast.Subscript) and isinstance(
                            target.value, ast.Name) and target.value.id == name:
                        yield target.slice, node.value

    def _called(self, func: ast.expr) -> list[ast.FunctionDef]:
        name = func.id if isinstance(func, ast.Name) else \
            func.attr if isinstance(func, ast.Attribute) else None
        return self.functions.get(name or "", [])

    @staticmethod
    def _key(node: ast.expr | None) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.JoinedStr) and node.values and isinstance(
                node.values[0], ast.Constant):
            return str(node.values[0].value)          # f"board_{a}": the prefix "board_"
        return None

    def dicts(self, expr: ast.expr | None, scope: ast.AST, found: Found, depth: int = 0):
        """Add the keys (and their string values) of the dicts ``expr`` may be."""
        if expr is None or depth > 8:
            return
        if isinstance(expr, ast.Dict):
            for k, v in zip(expr.keys, expr.values, strict=True):
                if k is None:
                    self.dicts(v, scope, found, depth + 1)
                elif (key := self._key(k)) is not None:
                    found[key] |= self.strings(v, scope)
        elif isinstance(expr, ast.DictComp):
            if (key := self._key(expr.key)) is not None:
                found[key] |= self.strings(expr.value, scope)
        elif isinstance(expr, ast.IfExp):
            self.dicts(expr.body, scope, found, depth + 1)
            self.dicts(expr.orelse, scope, found, depth + 1)
        elif isinstance(expr, ast.Name):
            for key_node, value in self._assigned(expr.id, scope):
                if key_node is None:
                    self.dicts(value, scope, found, depth + 1)
                elif (key := self._key(key_node)) is not None:
                    found[key] |= self.strings(value, scope)
        elif isinstance(expr, ast.Call):
            for func in self._called(expr.func):
                for node in ast.walk(func):
                    if isinstance(node, ast.Return):
                        self.dicts(node.value, func, found, depth + 1)

    def strings(self, expr: ast.expr | None, scope: ast.AST, depth: int = 0) -> set[str]:
        """The string literals ``expr`` may evaluate to."""
        if expr is None or depth > 8:
            return set()
        if isinstance(expr, ast.Constant):
            return {expr.value} if isinstance(expr.value, str) else set()
        if isinstance(expr, ast.IfExp):
            return self.strings(expr.body, scope, depth + 1) | self.strings(
                expr.orelse, scope, depth + 1)
        if isinstance(expr, ast.BoolOp):
            return set().union(*(self.strings(v, scope, depth + 1) for v in expr.values))
        if isinstance(expr, ast.Dict):
            return set().union(set(), *(self.strings(v, scope, depth + 1)
                                        for v in expr.values))
        if isinstance(expr, ast.Name):
            return set().union(set(), *(self.strings(v, scope, depth + 1)
                                        for k, v in self._assigned(expr.id, scope)
                                        if k is None))
        if isinstance(expr, ast.Call):
            return set().union(set(), *(self.strings(n.value, f, depth + 1)
                                        for f in self._called(expr.func)
                                        for n in ast.walk(f) if isinstance(n, ast.Return)))
        if isinstance(expr, ast.Subscript):
            if isinstance(expr.value, ast.Attribute):       # self._health[a]
                return self._attribute_values(expr.value.attr, depth + 1)
            return self.strings(expr.value, scope, depth + 1)
        return set()

    def _attribute_values(self, attr: str, depth: int) -> set[str]:
        out: set[str] = set()
        for node, targets in _assignments(self.tree):
            for target in targets:
                if isinstance(target, ast.Subscript) and isinstance(
                        target.value, ast.Attribute) and target.value.attr == attr:
                    out |= self.strings(node.value, self.scope(node), depth)
                elif isinstance(target, ast.Attribute) and target.attr == attr:
                    if isinstance(node.value, ast.DictComp):
                        out |= self.strings(node.value.value, self.scope(node), depth)
                    else:
                        out |= self.strings(node.value, self.scope(node), depth)
        return out


def drivers_consumables() -> Found:
    """Consumable key -> the string values the kiosk's drivers report for it."""
    found: Found = defaultdict(set)
    for path in sorted((ROOT / "drivers").rglob("*.py")):
        module = _Module(path)
        for expr, scope in module.roots():
            module.dicts(expr, scope, found)
    return found


def _storage_states() -> set[str]:
    tree = ast.parse((ROOT / "kiosk" / "core" / "storage.py").read_text(encoding="utf-8"))
    return {n.args[0].value for n in ast.walk(tree) if isinstance(n, ast.Call)
            and isinstance(n.func, ast.Name) and n.func.id == "StorageState" and n.args
            and isinstance(n.args[0], ast.Constant)}


def _label(key: str) -> bool:
    return key in i18n.CONSUMABLE_LABELS or any(
        p.endswith("_") and key.startswith(p) for p in i18n.CONSUMABLE_LABELS)


def test_the_scan_finds_what_the_drivers_report():
    """The scan is not vacuous: the consumables every driver reports today are found."""
    found = drivers_consumables()
    assert {"paper", "cover", "queue", "card", "doors_open", "left_open", "jammed",
            "board_"} <= set(found)
    assert {"open", "closed", "unknown"} <= found["cover"]
    assert {"idle", "printing", "stopped"} <= found["queue"]
    assert {"present", "absent"} <= found["card"]
    assert {"ok", "no_answer", "garbled", "unknown"} <= found["board_"]
    assert "none" in found["left_open"]
    assert _storage_states() == {"ok", "disk_full"}


def test_every_device_state_has_words():
    states = {s.value for s in DeviceState} | _storage_states()
    assert states - set(i18n.DEVICE_STATES) == set()


def test_every_consumable_and_value_the_drivers_report_has_words():
    found = drivers_consumables()
    found["paper"] |= {p.value for p in Paper}
    phrased = {k for k, _ in i18n.CONSUMABLE_PHRASES}
    missing = []
    for key, values in sorted(found.items()):
        if key in phrased:
            missing += [(key, v) for v in sorted(values)
                        if (key, v) not in i18n.CONSUMABLE_PHRASES]
        elif _label(key):
            missing += [(key, v) for v in sorted(values) if v not in i18n.CONSUMABLE_VALUES]
        else:
            missing.append((key, "*"))
    assert missing == []


def test_every_device_kind_has_words():
    assert set(registry.KINDS) - set(i18n.DEVICE_KINDS) == set()
    assert "storage" in i18n.DEVICE_KINDS


def test_the_console_says_what_the_technician_screen_says():
    """The same state, paper and error words on the hall and on the terminal."""
    for state in DeviceState:
        zh, en = i18n.DEVICE_STATES[state.value]
        assert wording.state_words(state.value) == {"zh": zh, "en": en}, state
    for paper in Paper:
        zh, en = i18n.CONSUMABLE_PHRASES[("paper", paper.value)]
        assert wording.consumable_words("paper", paper.value) == {"zh": zh, "en": en}
    for code, (zh, en) in i18n.DEVICE_ERRORS.items():
        said = wording.words(code)
        if said["problem_zh"] != f"设备错误（{code}）":       # the technician has words
            assert (said["problem_zh"], said["problem_en"]) == (zh, en), code


@pytest.mark.parametrize("lang, expected", [
    ("zh", ["缺纸", "纸将用完", "机盖未关", "锁控板 1：无应答", "久开未关：无", "toner low",
            "凭条打印机", "需要现场处理", "sparkling", "缺纸"]),
    ("en", ["Paper out", "Paper low", "Cover open", "Lock board 1: not answering",
            "Left open: none", "toner low", "Receipt printer", "Needs attention on site",
            "sparkling", "Paper out"])])
def test_words_and_raw_values(lang, expected):
    w = i18n.device_words(lang)
    said = [w.consumable("paper", "out"), w.consumable("paper", "low"),
            w.consumable("cover", "open"), w.consumable("board_1", "no_answer"),
            w.consumable("left_open", "none"), w.consumable("toner", "low"),
            w.kind("printer_1", "receipt"), w.state("user_error"), w.state("sparkling"),
            w.error({"code": "paper_out", "message": "..."})]
    assert said == expected
    # Unknown or odd values show as they came, never an error.
    assert w.kind("thing", 3) == "thing" and w.state(None) == "None"
    assert w.consumable("paper", 7) == "paper 7" and w.error("weird_code") == "weird_code"


def test_alert_details_in_words():
    zh, en = i18n.device_words("zh"), i18n.device_words("en")
    key = "consumable:receipt_printer:paper:out"
    assert zh.alert_detail("paper_out", key, "receipt_printer: paper out") == \
        "receipt_printer：缺纸"
    assert en.alert_detail("paper_out", key, "x") == "receipt_printer: Paper out"
    detail = "printer: hardware_error (cutter_error)"
    assert zh.alert_detail("device_error", "device:printer", detail) == \
        "printer：硬件故障 (切刀故障)"
    assert en.alert_detail("device_error", "device:printer", "printer: user_error") == \
        "printer: Needs attention on site"
    # Anything else: the detail as it is.
    assert zh.alert_detail("outbox_backlog", "outbox_backlog", "250 / 10 s") == "250 / 10 s"
    assert zh.alert_detail("device_error", "device:printer", "odd") == "odd"
    assert zh.alert_detail("staff_call", "staff_call:1", None) == ""
