"""A failing device takes out only what needs it, with a reason the UI can say."""
from drivers.base import Action, DeviceError, DeviceState, DeviceStatus
from kiosk.core import catalog as catalog_mod
from kiosk.core.availability import kind_availability, service_availability
from kiosk.core.config import SHIPPED_CONFIG_DIR

CAT = catalog_mod.load(SHIPPED_CONFIG_DIR / "catalog.toml")
TICKET = CAT.service("queue_ticket")


def status(name, kind, state, error=None, **consumables):
    return DeviceStatus(name, kind, state, True, consumables, error)


def test_all_online():
    s = {"receipt": status("receipt", "receipt", DeviceState.ONLINE, paper="full"),
         "idcard": status("idcard", "idcard", DeviceState.ONLINE)}
    assert service_availability(TICKET, s).available
    assert kind_availability(CAT.kind("accept"), s).available


def test_paper_out_takes_the_ticket_service_out_with_its_reason():
    err = DeviceError("paper_out", "out of paper", action=Action.CLEAR,
                      state=DeviceState.USER_ERROR)
    s = {"receipt": status("receipt", "receipt", DeviceState.USER_ERROR, err, paper="out")}
    a = service_availability(TICKET, s)
    assert (a.available, a.reason) == (False, "printer_paper_out")


def test_missing_printer_and_offline_printer_differ():
    assert service_availability(TICKET, {}).reason == "printer_missing"
    s = {"receipt": status("receipt", "receipt", DeviceState.OFFLINE)}
    assert service_availability(TICKET, s).reason == "printer_offline"


def test_reader_down_blocks_only_the_kinds_that_need_a_card():
    s = {"idcard": status("idcard", "idcard", DeviceState.OFFLINE)}
    assert kind_availability(CAT.kind("accept"), s).reason == "idcard_offline"
    assert kind_availability(CAT.kind("pickup"), s).reason == "idcard_offline"
    assert kind_availability(CAT.kind("consult"), s).available
