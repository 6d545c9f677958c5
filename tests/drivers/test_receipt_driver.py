"""The real receipt printer driver against the simulator, over real TCP (and a pty)."""
import socket
import threading
import time
from pathlib import Path

import cv2
import numpy as np
import pytest

from drivers.base import Action, DeviceError, DeviceState, Paper
from drivers.receipt import driver as driver_module
from drivers.receipt.document import QR, Feed, Receipt, Rule, Text
from drivers.receipt.driver import ReceiptPrinter
from drivers.receipt.protocol import SensorRequest, encode_receipt
from drivers.receipt.sim import ReceiptPrinterSimulator

pytestmark = pytest.mark.timeout(20)

TICKET = Receipt([
    Text("广州市政务服务中心", bold=True, align="center"),
    Text("A012", bold=True, width=3, height=3, align="center"),
    Rule(),
    Text("业务：社保卡补办，请到3号窗口。\n费用：¥0.00"),
    QR("https://example.gov.cn/queue/A012", size=6),
    Text("扫码查看叫号进度", align="center"),
    Feed(2),
])


@pytest.fixture
def sim(tmp_path):
    simulator = ReceiptPrinterSimulator(port=0, out_dir=tmp_path / "receipts")
    simulator.start()
    yield simulator
    simulator.stop()


@pytest.fixture
def printer(sim):
    device = ReceiptPrinter("receipt", f"tcp://127.0.0.1:{sim.port}", timeout=1.0)
    yield device
    device.close()


def decode_qr(image) -> str:
    """The QR code OpenCV finds in a PNG file (path) or a PIL image."""
    if isinstance(image, (str, Path)):
        gray = cv2.imread(str(image), cv2.IMREAD_GRAYSCALE)
    else:
        gray = np.array(image.convert("L"))
    return cv2.QRCodeDetector().detectAndDecode(gray)[0]


def expected_text(receipt: Receipt, columns: int = 32) -> str:
    return receipt.plain_text(columns).replace("¥", "￥")  # the encoder's substitute


# -- printing ------------------------------------------------------------------------------
def test_chinese_ticket_with_qr_is_printed_and_rendered(sim, printer):
    assert printer.poll().state is DeviceState.ONLINE
    printer.print_receipt(TICKET)
    printed = sim.wait_for_receipt()
    assert printed.complete and printed.text == expected_text(TICKET)
    assert "费用：￥0.00" in printed.text and "社保卡补办，请到3号窗口。" in printed.text
    assert printed.png_path.exists() and printed.png_path.read_bytes()[:4] == b"\x89PNG"
    assert decode_qr(printed.png_path) == "https://example.gov.cn/queue/A012"
    assert printed.image.width == 384 + 48  # 32 columns of 12 dots, plus paper margins
    assert sim.unknown == []
    assert printer.counters.snapshot() == {"prints": 1, "cuts": 1}
    assert printer.status.state is DeviceState.ONLINE
    assert printer.status.consumables == {"paper": "full", "cover": "closed"}


def test_gbk_printer(tmp_path):
    sim = ReceiptPrinterSimulator(encoding="gbk", columns=48)
    sim.start()
    printer = ReceiptPrinter("r", f"tcp://127.0.0.1:{sim.port}", encoding="gbk", columns=48)
    try:
        receipt = Receipt([Text("金额：¥12.50，姓名：张𠮷。"), Rule(), QR("票号A012")])
        printer.print_receipt(receipt)
        printed = sim.wait_for_receipt()
    finally:
        printer.close()
        sim.stop()
    assert printed.text.splitlines() == ["金额：￥12.50，姓名：张?。", "-" * 48, "[QR] 票号A012"]
    assert printed.image.width == 576 + 48
    assert decode_qr(printed.image) == "票号A012"


def test_second_job_reuses_the_connection(sim, printer):
    printer.print_receipt(Receipt([Text("一")]))
    printer.print_receipt(Receipt([Text("二")]))
    assert [r.text for r in sim.receipts] == ["一", "二"]
    assert printer.counters.get("prints") == 2


# -- the simulator's replies, bit for bit (hardware.md §4) ---------------------------------
def ask(sim, request: str, count: int) -> bytes:
    """Send raw bytes to the simulator; up to ``count`` reply bytes (fewer at EOF)."""
    with socket.create_connection(("127.0.0.1", sim.port), timeout=2) as conn:
        conn.sendall(bytes.fromhex(request))
        answer = b""
        while len(answer) < count and (chunk := conn.recv(16)):
            answer += chunk
    return answer


@pytest.mark.parametrize("paper, replies", [
    # DLE EOT 1, 2, 3, 4 then GS r 1
    ("ok", "12 12 12 12 00"),
    ("near_end", "12 12 12 1e 03"),        # n=4: near end 0x0C on 0x12
    ("out", "1a 32 12 72 0c"),             # offline 0x08; paper end stop 0x20; end 0x60
    ("cover_open", "1a 16 12 12 00"),      # offline 0x08; cover open 0x04
])
def test_simulator_status_bytes(sim, paper, replies):
    sim.set_paper(paper)
    answer = ask(sim, "10 04 01 10 04 02 10 04 03 10 04 04 1d 72 01", 5)
    assert answer == bytes.fromhex(replies)


def test_simulator_error_cause_bytes(sim):
    sim.set_error("autocutter")
    # error 0x40 (n=2); autocutter 0x08 (n=3)
    assert ask(sim, "10 04 01 10 04 02 10 04 03", 3) == bytes.fromhex("1a 52 1a")


# -- paper and cover -----------------------------------------------------------------------
def test_paper_out_is_reported_before_the_job(sim, printer):
    sim.set_paper("out")
    status = printer.poll()
    assert status.state is DeviceState.USER_ERROR and status.consumables["paper"] == "out"
    assert status.error.code == "paper_out" and status.error.action is Action.CLEAR
    with pytest.raises(DeviceError) as caught:
        printer.print_receipt(TICKET)
    assert caught.value.code == "paper_out" and caught.value.action is Action.CLEAR
    assert caught.value.state is DeviceState.USER_ERROR
    time.sleep(0.1)
    assert sim.discarded == 0 and sim.receipts == []  # not a byte of the job was sent
    assert printer.paper() is Paper.OUT
    assert printer.counters.snapshot() == {"errors": 1}


def test_printer_accepts_a_job_without_paper_and_prints_nothing(sim):
    """Why the status matters: a job sent blind 'succeeds' and nothing comes out."""
    sim.set_paper("out")
    with socket.create_connection(("127.0.0.1", sim.port)) as conn:
        conn.sendall(encode_receipt(TICKET))
    deadline = time.monotonic() + 2
    while sim.discarded == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert sim.discarded > 0 and sim.receipts == []


def test_paper_running_out_during_the_job_is_reported_after(sim, printer):
    sim.run_out_after(3)
    with pytest.raises(DeviceError) as caught:
        printer.print_receipt(TICKET)
    assert caught.value.code == "paper_out" and "incomplete" in caught.value.message
    assert caught.value.action is Action.CLEAR
    stub = sim.wait_for_receipt()
    assert not stub.complete and stub.text == "\n".join(expected_text(TICKET).splitlines()[:3])
    assert printer.status.state is DeviceState.USER_ERROR
    assert printer.status.consumables["paper"] == "out"
    assert printer.counters.snapshot() == {"errors": 1}
    sim.set_paper("ok")  # a new roll: the next poll clears the error
    assert printer.poll().state is DeviceState.ONLINE


def test_near_end_is_low_paper_and_still_prints(sim, printer):
    sim.set_paper("near_end")
    status = printer.poll()
    assert status.state is DeviceState.ONLINE and status.error is None
    assert status.consumables == {"paper": "low", "cover": "closed"}
    printer.print_receipt(TICKET)
    assert sim.wait_for_receipt().complete
    assert printer.paper() is Paper.LOW


def test_cover_open(sim, printer):
    sim.set_paper("cover_open")
    status = printer.poll()
    assert status.state is DeviceState.USER_ERROR
    assert status.consumables == {"paper": "full", "cover": "open"}
    assert status.error.code == "cover_open" and status.error.action is Action.CLEAR
    with pytest.raises(DeviceError, match="cover"):
        printer.print_receipt(TICKET)
    sim.set_paper("ok")
    assert printer.poll().state is DeviceState.ONLINE


def test_cutter_jam_is_read_from_dle_eot_3(sim, printer):
    sim.set_error("autocutter")
    status = printer.poll()
    assert status.state is DeviceState.HARDWARE_ERROR
    assert status.error.code == "cutter_error" and status.error.action is Action.CLEAR
    sim.set_error(None)
    assert printer.poll().state is DeviceState.ONLINE


# -- connection ----------------------------------------------------------------------------
def test_stopped_printer_goes_offline_and_comes_back_on_the_same_object(sim, printer):
    assert printer.poll().state is DeviceState.ONLINE
    sim.stop()
    lost = printer.poll()
    assert lost.state is DeviceState.OFFLINE and lost.error.code == "connection_lost"
    refused = printer.poll()
    assert refused.state is DeviceState.OFFLINE and refused.error.code == "unreachable"
    assert refused.error.action is Action.RESET
    with pytest.raises(DeviceError) as caught:
        printer.print_receipt(TICKET)
    assert caught.value.state is DeviceState.OFFLINE
    sim.start()  # same port
    assert printer.poll().state is DeviceState.ONLINE
    printer.print_receipt(TICKET)
    assert sim.wait_for_receipt().text == expected_text(TICKET)


def test_job_after_a_printer_restart_reconnects_once(sim, printer):
    printer.print_receipt(Receipt([Text("一")]))
    sim.stop()
    sim.start()  # the driver's connection is now dead, and it does not know yet
    printer.print_receipt(Receipt([Text("二")]))
    assert [r.text for r in sim.receipts] == ["一", "二"]


def test_silent_device_is_offline_no_reply():
    server = socket.create_server(("127.0.0.1", 0))
    accepted = []
    threading.Thread(target=lambda: accepted.append(server.accept()), daemon=True).start()
    printer = ReceiptPrinter("r", f"tcp://127.0.0.1:{server.getsockname()[1]}", timeout=0.3)
    try:
        status = printer.poll()
    finally:
        printer.close()
        server.close()
    assert status.state is DeviceState.OFFLINE and status.error.code == "no_reply"


class _StopsAtPaperEnd(ReceiptPrinterSimulator):
    """Like printers that stop processing data at paper end: GS r 1 is never answered
    once the paper is out; DLE EOT still is (real time)."""

    def _execute(self, op):
        if isinstance(op, SensorRequest) and not self._can_print():
            return None
        return super()._execute(op)


def test_printer_that_stops_at_paper_end_is_caught_by_dle_eot_polling(monkeypatch):
    monkeypatch.setattr(driver_module, "POLL_SECONDS", 0.05)
    sim = _StopsAtPaperEnd()
    sim.start()
    printer = ReceiptPrinter("r", f"tcp://127.0.0.1:{sim.port}", timeout=1.0)
    try:
        sim.run_out_after(2)
        started = time.monotonic()
        with pytest.raises(DeviceError) as caught:
            printer.print_receipt(TICKET)
        assert time.monotonic() - started < 3.0  # not the 9 s confirmation timeout
        assert caught.value.code == "paper_out"
        sim.set_paper("ok")
        printer.print_receipt(Receipt([Text("新纸")]))  # on a fresh connection
        assert sim.receipts[-1].text == "新纸"
    finally:
        printer.close()
        sim.stop()


class _NeverConfirms(ReceiptPrinterSimulator):
    """A printer without GS r support: prints, but never says so."""

    def _execute(self, op):
        return None if isinstance(op, SensorRequest) else super()._execute(op)


def test_unconfirmed_job_is_an_error(monkeypatch):
    monkeypatch.setattr(driver_module, "PRINT_SECONDS", 0.3)
    monkeypatch.setattr(driver_module, "POLL_SECONDS", 0.05)
    sim = _NeverConfirms()
    sim.start()
    printer = ReceiptPrinter("r", f"tcp://127.0.0.1:{sim.port}", timeout=0.2)
    try:
        with pytest.raises(DeviceError) as caught:
            printer.print_receipt(TICKET)
        assert caught.value.code == "not_confirmed"
        assert printer.status.state is DeviceState.OFFLINE
        assert printer.counters.snapshot() == {"errors": 1}
        assert printer.poll().state is DeviceState.ONLINE  # the supervisor reopens it
    finally:
        printer.close()
        sim.stop()


# -- other transports, info ----------------------------------------------------------------
def test_serial_printer_over_a_pty():
    sim = ReceiptPrinterSimulator()
    path = sim.attach_pty()
    printer = ReceiptPrinter("r", f"serial://{path}?baud=115200", timeout=1.0)
    try:
        assert printer.poll().state is DeviceState.ONLINE
        printer.print_receipt(TICKET)
        assert sim.wait_for_receipt().text == expected_text(TICKET)
        sim.set_paper("out")
        assert printer.poll().error.code == "paper_out"
    finally:
        printer.close()
        sim.stop()


def test_file_printer_has_no_status_but_prints(tmp_path):
    target = tmp_path / "lp0"
    printer = ReceiptPrinter("r", f"file://{target}")
    status = printer.poll()
    assert status.state is DeviceState.ONLINE
    assert status.consumables == {"paper": "unknown", "cover": "unknown"}
    printer.print_receipt(TICKET)
    printer.close()
    assert target.read_bytes() == encode_receipt(TICKET)
    assert printer.paper() is Paper.UNKNOWN and printer.counters.get("prints") == 1


def test_file_printer_in_a_missing_folder_is_offline(tmp_path):
    status = ReceiptPrinter("r", f"file://{tmp_path}/no/such/dir/lp0").poll()
    assert status.state is DeviceState.OFFLINE and status.error.code == "unreachable"


def test_info_asks_gs_i(sim, printer):
    info = printer.info()
    assert (info.model, info.serial, info.firmware) == ("KIOSK-SIM-RECEIPT", "SIM0001", "1.0")


def test_bad_configuration_is_refused_early():
    with pytest.raises(ValueError):
        ReceiptPrinter("r", "usb://0416:5011")
    with pytest.raises(ValueError):
        ReceiptPrinter("r", "tcp://127.0.0.1:9100", encoding="big5")
