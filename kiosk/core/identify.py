"""Identification: who is at the terminal, by one of the methods a service accepts.

One component for every service flow. The catalog's ``identity`` list names the methods:

- ``id_card``: a resident ID card on the SAM reader (also the ``J`` Hong Kong/Macao/Taiwan
  residence permit and the 2017 foreigner's permanent residence card).
- ``ss_card``: a social security card (PC/SC). Its social security number is the ID
  number, so the holder hash is the same as the ID card's.
- ``face``: 人证比对. The live face is compared with the ID card's photo by the hall
  (``POST /identity/verify``). The card's photo is the only reference there is, so
  ``face`` identifies nobody alone: a service that lists it wants the ID card read and
  then the comparison (see :func:`plan`).
- ``qr``: a code shown on the citizen's phone (e-ID, appointment). Its text is the
  credential; the hall validates it later. Obviously foreign codes are refused here.
- ``none``: the citizen may skip identification.

Contract of :class:`Identifier`:
- Every method is *blocking* and runs on the calling (worker) thread, never the GUI's.
  One runs at a time: a second call waits for the first (cancel the first). ``cancel``
  (a :class:`threading.Event`) ends a wait within a fraction of a second.
- Normal outcomes are returned, never raised: :class:`IdentityResult` with ``outcome``
  from :data:`OUTCOMES` and, unless ``ok``, a stable ``notice`` code from :data:`NOTICES`
  that the UI turns into a sentence.
- Personal data (the card, the credential, the photo) is only in the result, for the
  session to keep and drop. Logs get outcomes and error codes: never a name, an ID
  number, a photo or a QR text.
"""
from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from drivers.base import Device, DeviceError
from drivers.idcard import CardError as IdCardError
from drivers.sscard import CardError as SsCardError
from offline_cache.hall_errors import HallError

from .privacy import holder_hash

if TYPE_CHECKING:
    from drivers.camera.face import GateConfig

log = logging.getLogger(__name__)

METHODS = ("id_card", "ss_card", "face", "qr", "none")
OUTCOMES = ("ok", "no_card", "removed", "pin_required", "card_error", "unsupported_card",
            "device_unavailable", "timeout", "rejected", "cancelled")

VERIFY_TIMEOUT_S = 10.0     # the whole wait for the hall's comparison; a citizen is waiting
_FRAME_WAIT = 0.03          # pause while no new camera frame has come (no busy loop)
_FRESH_S = 1.0              # a camera frame older than this is not the citizen in front of it
_DRIVER_SLICE = 0.5         # the driver's own look at the camera when no fresh frame comes
_HANDOVER_S = 1.0           # after a frame passed the gate: how long the driver may take
_LOCK_SLICE = 0.05          # how often a call waiting for the previous one looks at cancel
_MAX_QR_TEXT = 2048

# Notice codes -> the sentence a UI shows (its translations are the UI's business). Every
# sentence says what to do, not only what went wrong.
NOTICES: dict[str, dict[str, str]] = {
    "cancelled": {"zh": "已取消", "en": "Cancelled"},
    "id_card_absent": {"zh": "没有读到身份证，请把身份证平放在感应区",
                       "en": "No ID card was found: lay it flat on the reader"},
    "id_card_removed": {"zh": "身份证拿开得太快了，请放好不要移动",
                        "en": "The card was moved away too soon: lay it down and hold still"},
    "id_card_unreadable": {"zh": "这张证件读不出来，请换个位置再放一次，或到窗口办理",
                           "en": "The card cannot be read: place it again, or go to a counter"},
    "id_card_unsupported": {"zh": "本机暂不支持这种证件，请到窗口办理",
                            "en": "This kind of card is not supported here: please go to a"
                                  " counter"},
    "id_card_invalid": {"zh": "证件号码无效，请到窗口办理",
                        "en": "The card's number is not valid: please go to a counter"},
    "id_card_reader_unavailable": {"zh": "身份证阅读器暂时无法使用，请到窗口办理",
                                   "en": "The ID card reader is not working: please go to a"
                                         " counter"},
    "ss_card_absent": {"zh": "没有读到社保卡，请把社保卡插入读卡口",
                       "en": "No social security card was found: insert it in the slot"},
    "ss_card_removed": {"zh": "社保卡拔出得太快了，请重新插卡，读完前不要拔出",
                        "en": "The card was pulled out too soon: insert it again and leave"
                              " it in until it is read"},
    "ss_card_pin_required": {"zh": "这张社保卡需要先输入密码，请到窗口办理",
                             "en": "This card needs its PIN first: please go to a counter"},
    "ss_card_unreadable": {"zh": "这张社保卡读不出来，请重新插卡，或到窗口办理",
                           "en": "The card cannot be read: insert it again, or go to a"
                                 " counter"},
    "ss_card_invalid": {"zh": "这张卡不是有效的社保卡，请到窗口办理",
                        "en": "This is not a valid social security card: please go to a"
                              " counter"},
    "ss_card_reader_unavailable": {"zh": "社保卡读卡器暂时无法使用，请用身份证或到窗口办理",
                                   "en": "The social security card reader is not working:"
                                         " use your ID card, or go to a counter"},
    "face_timeout": {"zh": "没有拍到合格的照片，请按提示调整后再试一次",
                     "en": "No usable photo was taken: follow the hint and try again"},
    "camera_unavailable": {"zh": "摄像头暂时无法使用，请到窗口办理",
                           "en": "The camera is not working: please go to a counter"},
    "qr_timeout": {"zh": "没有扫到二维码，请把手机上的二维码对准摄像头",
                   "en": "No code was seen: hold the code on your phone up to the camera"},
    "qr_foreign": {"zh": "这个二维码不能用于办事，请出示电子证照或预约二维码",
                   "en": "This code cannot be used here: show your e-ID or appointment"
                         " code"},
    "qr_payment_code": {"zh": "这是付款码，请勿出示！请出示电子证照或预约二维码",
                        "en": "This is a payment code: do not show it! Show your e-ID or"
                              " appointment code"},
    "verify_no_match": {"zh": "人脸与证件照片不一致，请到窗口办理",
                        "en": "Your face does not match the card's photo: please go to a"
                              " counter"},
    "verify_offline": {"zh": "本机暂时无法联网，现在不能进行人脸核验",
                       "en": "The terminal is offline: face verification is not possible"
                             " now"},
    "verify_unavailable": {"zh": "人脸核验暂时无法进行，请稍后再试或到窗口办理",
                           "en": "Face verification is not available right now: try later,"
                                 " or go to a counter"},
    "verify_no_photo": {"zh": "人脸核验需要身份证，请先刷身份证",
                        "en": "Face verification needs your ID card: place it on the reader"
                              " first"},
    "take_id_card": {"zh": "请取走您的身份证", "en": "Please take your ID card"},
    "take_ss_card": {"zh": "请取走您的社保卡", "en": "Please take your social security card"},
}

_NOTICE_OF = {
    ("id_card", "no_card"): "id_card_absent",
    ("id_card", "removed"): "id_card_removed",
    ("id_card", "card_error"): "id_card_unreadable",
    ("id_card", "unsupported_card"): "id_card_unsupported",
    ("id_card", "device_unavailable"): "id_card_reader_unavailable",
    ("ss_card", "no_card"): "ss_card_absent",
    ("ss_card", "removed"): "ss_card_removed",
    ("ss_card", "pin_required"): "ss_card_pin_required",
    ("ss_card", "card_error"): "ss_card_unreadable",
    ("ss_card", "device_unavailable"): "ss_card_reader_unavailable",
    ("face", "timeout"): "face_timeout",
    ("face", "device_unavailable"): "camera_unavailable",
    ("qr", "timeout"): "qr_timeout",
    ("qr", "device_unavailable"): "camera_unavailable",
}

# Device kinds each method cannot work without.
METHOD_DEVICES: dict[str, tuple[str, ...]] = {
    "id_card": ("idcard",), "ss_card": ("sscard",), "face": ("idcard", "camera"),
    "qr": ("camera",), "none": ()}

TAKE_CARD = {"id_card": "take_id_card", "ss_card": "take_ss_card"}
# The outcome of a wait that ended with nothing to show.
_NOTHING = {"id_card": "no_card", "ss_card": "no_card", "face": "timeout", "qr": "timeout"}

# Failures that mean the hall cannot be reached at all (the terminal is offline), as
# opposed to a hall that answered but could not compare.
_OFFLINE_ERRORS = frozenset({"unreachable", "timeout", "transport_error"})


@dataclass(frozen=True, repr=False)
class IdentityResult:
    """The outcome of one identification method (see the module doc).

    ``ok`` results of a card carry ``holder`` (salted hash of the ID number, what the
    hall gets), ``display_name`` (masked, e.g. ``张*``, to greet the citizen) and ``card``
    (the driver's card object: personal data, kept only in the session). A ``qr`` result
    carries ``credential`` (the code's text), a ``face`` result ``photo`` (the JPEG).
    ``reason``: for ``face``, the quality gate's last reason (``drivers.camera.PROMPTS``).
    ``error``: the device's error code behind ``device_unavailable`` or ``card_error``,
    for technicians.
    """

    outcome: str
    method: str
    holder: str | None = None
    display_name: str = ""
    card: Any = None
    credential: str | None = None
    photo: bytes | None = None
    notice: str | None = None
    reason: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"

    def __repr__(self) -> str:
        # No personal data: a result that ends up in a log line leaks nothing.
        return (f"IdentityResult(outcome={self.outcome!r}, method={self.method!r}, "
                f"notice={self.notice!r}, reason={self.reason!r}, error={self.error!r})")


@dataclass(frozen=True)
class VerifyResult:
    """The hall's comparison of the live face with the ID card photo. ``outcome`` is
    ``match``, ``no_match`` or ``unavailable`` (``notice`` says why: offline, the hall
    cannot compare, no card photo); the caller decides what that means for its service.
    ``error``: the hall client's error code (or ``no_hall``, ``no_photo``)."""

    outcome: str
    notice: str | None = None
    score: float | None = None
    error: str | None = None

    @property
    def matched(self) -> bool:
        return self.outcome == "match"


@dataclass(frozen=True)
class IdentityPlan:
    """What a service asks for. ``methods``: what the citizen may present, in catalog
    order (``none``: may skip). ``verify_face``: after the ID card read, the live face
    must be compared with the card's photo (:meth:`Identifier.verify_face`)."""

    methods: tuple[str, ...]
    verify_face: bool = False

    @property
    def optional(self) -> bool:
        return "none" in self.methods


def plan(identity: str | Iterable[str]) -> IdentityPlan:
    """The plan for a catalog ``identity`` (a service's list or a ticket kind's string).

    ``face`` needs the ID card's photo, so with it the cards offered shrink to ``id_card``
    (``none`` stays: identification may still be skipped altogether). Methods this
    terminal does not know (from a newer hall) are left out; when nothing is left the
    plan is empty and the service cannot be offered: never open to anyone by accident.
    """
    asked = (identity,) if isinstance(identity, str) else tuple(identity)
    unknown = [m for m in asked if m not in METHODS]
    if unknown:
        log.warning("identity methods %s unknown to this terminal: left out", unknown)
    known = [m for m in dict.fromkeys(asked) if m in METHODS]
    if "face" not in known:
        return IdentityPlan(tuple(known))
    return IdentityPlan(("id_card", "none") if "none" in known else ("id_card",),
                        verify_face=True)


def id_number_of(card: Any) -> str | None:
    """The ID number behind a card read: the ID card's, or the social security card's
    social security number (the same number, see the module doc)."""
    return getattr(card, "id_number", None) or getattr(card, "ss_number", None)


def mask_name(name: str) -> str:
    """张三 -> 张*, 欧阳娜娜 -> 欧***: the first character and a star for each other one,
    at most three (a long foreign name does not show its length)."""
    name = (name or "").strip()
    return name[:1] + "*" * min(3, max(1, len(name) - 1)) if name else ""


# -- QR payloads ---------------------------------------------------------------------------
# Payment codes (付款码) put money at stake: refuse them with their own warning. WeChat
# Pay's auth_code: 18 digits from 10-15 (pay.weixin.qq.com, POS guide "Important
# parameters"); Alipay's: 16-24 digits from 25-30 (as payment providers document it);
# UnionPay QuickPass (云闪付): 19 digits from 62.
_PAYMENT_CODE = re.compile(r"1[0-5]\d{16}|(2[5-9]|30)\d{14,22}|62\d{17}")
# Codes that are obviously something else: Wi-Fi, contacts, calendar, phone/mail links,
# and the wallets' payment-collection codes.
_FOREIGN_PREFIXES = ("wifi:", "begin:vcard", "mecard:", "begin:vevent", "mailto:", "tel:",
                     "sms:", "smsto:", "mms:", "geo:", "market:", "weixin://", "wxp://",
                     "alipays://", "alipay://", "upwallet://", "https://qr.alipay.com/",
                     "http://qr.alipay.com/", "https://wx.tenpay.com/")


def classify_qr(text: str, *, prefixes: tuple[str, ...] | None = None,
                own: tuple[str, ...] = ()) -> str | None:
    """None when ``text`` may be a credential, else the notice refusing it:
    ``qr_payment_code`` or ``qr_foreign`` (empty, oversized or control characters, a
    known foreign kind, one of the terminal's ``own`` codes such as its queue tickets, or
    not starting with one of ``prefixes`` when those are configured)."""
    if not text or len(text) > _MAX_QR_TEXT or any(ord(c) < 0x20 and c not in "\t\r\n"
                                                  for c in text):
        return "qr_foreign"
    if _PAYMENT_CODE.fullmatch(text):
        return "qr_payment_code"
    lowered = text.lower()
    if lowered.startswith(_FOREIGN_PREFIXES) or any(o and text.startswith(o) for o in own):
        return "qr_foreign"
    if prefixes and not text.startswith(tuple(prefixes)):
        return "qr_foreign"
    return None


class _Guide:
    """Calls ``on_guidance`` with each gate reason when it differs from the last one."""

    def __init__(self, on_guidance: Callable[[str], None] | None) -> None:
        self._callback = on_guidance
        self.last: str | None = None

    def __call__(self, reason: str) -> None:
        if reason == self.last:
            return
        self.last = reason
        if self._callback is not None:
            try:
                self._callback(reason)
            except Exception:   # a faulty UI callback must not end the capture
                log.exception("face guidance callback failed")


class Identifier:
    """Runs identification methods on ``terminal``'s devices (see the module doc).

    ``gate``/``settle``: the face quality gate and how long the camera keeps looking for
    a better frame once one passed. ``qr_prefixes``: when set, only QR texts starting
    with one of them are accepted (e.g. the hall's e-ID and appointment schemes).
    ``verify_timeout``: the default bound of :meth:`verify_face`.
    """

    def __init__(self, terminal, *, gate: GateConfig | None = None, settle: float = 0.5,
                 qr_prefixes: tuple[str, ...] | None = None,
                 verify_timeout: float = VERIFY_TIMEOUT_S) -> None:
        self.terminal = terminal
        self._gate = gate
        self.settle = settle
        self.qr_prefixes = qr_prefixes
        self.verify_timeout = verify_timeout
        self._busy = threading.Lock()
        # The terminal's own queue-ticket QR (kiosk.toml ``ticket_qr``) identifies nobody.
        own = terminal.config.ticket_qr.split("{", 1)[0]
        self._own_qr = (own,) if own else ()

    @property
    def gate(self) -> GateConfig:
        """The face quality gate. Its module loads OpenCV (~150 ms): only once the camera
        is used, not at start-up, before the first frame."""
        if self._gate is None:
            from drivers.camera.face import GateConfig
            self._gate = GateConfig()
        return self._gate

    # -- what can be offered ---------------------------------------------------------------
    def usable(self, method: str) -> bool:
        """Whether the devices ``method`` needs are there and working now (non-blocking)."""
        for kind in METHOD_DEVICES[method]:
            device = self._device(kind)
            if device is None or not device.status.usable:
                return False
        return True

    # -- the methods (blocking) ------------------------------------------------------------
    def identify(self, method: str, timeout: float, cancel: threading.Event | None = None, *,
                 on_guidance: Callable[[str], None] | None = None) -> IdentityResult:
        """Run ``method`` (one of :data:`METHODS`) for up to ``timeout`` seconds.
        ``face`` only captures the photo: pair it with a card read by :meth:`verify_face`.
        Raises ValueError for an unknown method (a caller's bug)."""
        if method == "id_card":
            return self.read_id_card(timeout, cancel)
        if method == "ss_card":
            return self.read_ss_card(timeout, cancel)
        if method == "face":
            return self.capture_face(timeout, cancel, on_guidance)
        if method == "qr":
            return self.scan_qr(timeout, cancel)
        if method == "none":
            return IdentityResult("ok", "none")
        raise ValueError(f"unknown identification method {method!r}")

    def read_id_card(self, timeout: float,
                     cancel: threading.Event | None = None) -> IdentityResult:
        """Wait for a resident ID card (or permit) and read it."""
        return self._run("id_card", timeout, cancel, self._read_id_card)

    def read_ss_card(self, timeout: float,
                     cancel: threading.Event | None = None) -> IdentityResult:
        """Wait for a social security card and read its holder."""
        return self._run("ss_card", timeout, cancel, self._read_ss_card)

    def capture_face(self, timeout: float, cancel: threading.Event | None = None,
                     on_guidance: Callable[[str], None] | None = None) -> IdentityResult:
        """Take a face photo that passes the quality gate; ``photo`` is the JPEG.

        ``on_guidance(reason)`` is called on this thread whenever the gate's verdict on the
        camera's frames changes (``too_small``, ... , ``ok``; ``drivers.camera.PROMPTS``
        has the sentences), so a UI can show "请靠近一点" while the citizen moves."""
        return self._run("face", timeout, cancel,
                         lambda deadline, ev: self._capture_face(deadline, ev, on_guidance))

    def scan_qr(self, timeout: float, cancel: threading.Event | None = None) -> IdentityResult:
        """Wait for a QR code held up to the camera; ``credential`` is its text."""
        return self._run("qr", timeout, cancel, self._scan_qr)

    def verify_face(self, card_result: IdentityResult, live_jpeg: bytes,
                    timeout: float | None = None) -> VerifyResult:
        """Ask the hall whether ``live_jpeg`` shows the holder of the ID card read in
        ``card_result`` (its WLT photo is sent as is). Blocking, at most ``timeout``
        seconds (default ``verify_timeout``). Offline (no hall configured, or the hall
        cannot be reached) it is ``unavailable`` with the notice ``verify_offline``."""
        wlt = getattr(card_result.card, "photo", None)
        if not (card_result.ok and card_result.holder and isinstance(wlt, bytes) and wlt
                and live_jpeg):
            return VerifyResult("unavailable", "verify_no_photo", error="no_photo")
        client = self.terminal.hall_client
        if client is None:
            log.info("face verification unavailable: no hall configured")
            return VerifyResult("unavailable", "verify_offline", error="no_hall")
        try:
            got = client.verify_identity(card_result.holder, wlt, live_jpeg,
                                         timeout or self.verify_timeout)
        except HallError as err:
            log.info("face verification unavailable: %s", err.code)
            notice = "verify_offline" if err.code in _OFFLINE_ERRORS else "verify_unavailable"
            return VerifyResult("unavailable", notice, error=err.code)
        result = got["result"]
        log.info("face verification: %s", result)
        notices: dict[str, str | None] = {"match": None, "no_match": "verify_no_match",
                                          "unavailable": "verify_unavailable"}
        return VerifyResult(result, notices[result], got["score"])

    def cards_left(self, refresh: bool = True) -> tuple[str, ...]:
        """The methods (``id_card``, ``ss_card``) whose reader still holds a card, for the
        "please take your card" reminder at the end of a session (:data:`TAKE_CARD` gives
        the notice). A reader counts when it reports ``card: present`` in its consumables
        (the social security card reader from PC/SC, the ID card reader from its SAM's
        FIND); one that reports no presence is skipped (:meth:`cannot_tell`). ``refresh``
        polls the reader first (blocking, bounded by its timeouts; never waits for a
        running read)."""
        left = []
        for method in TAKE_CARD:
            device = self._device(METHOD_DEVICES[method][0])
            if device is None or "card" not in device.status.consumables:
                continue
            status = device.poll() if refresh else device.status
            if status.consumables.get("card") == "present":
                left.append(method)
        return tuple(left)

    def cannot_tell(self, method: str) -> bool:
        """The reader of ``method`` (``id_card``, ``ss_card``) is there but reports no
        card presence (an ID card reader with ``reports_presence = false``). Non-blocking."""
        device = self._device(METHOD_DEVICES[method][0]) if method in TAKE_CARD else None
        return device is not None and "card" not in device.status.consumables

    # -- one method at a time --------------------------------------------------------------
    def _run(self, method: str, timeout: float, cancel: threading.Event | None,
             body: Callable[[float, threading.Event], IdentityResult]) -> IdentityResult:
        cancel = cancel if cancel is not None else threading.Event()
        deadline = time.monotonic() + timeout
        # A new call right after cancelling the previous one (the UI's "try again") waits
        # for it to hand the device back rather than failing.
        while not self._busy.acquire(timeout=_LOCK_SLICE):
            if cancel.is_set() or time.monotonic() >= deadline:
                return self._failed(method, "cancelled" if cancel.is_set() else _NOTHING[method])
        try:
            if cancel.is_set():
                result = self._failed(method, "cancelled")
            else:
                result = body(deadline, cancel)
        except Exception as exc:    # a driver bug must not end the citizen's session
            log.exception("identification by %s failed", method)
            result = self._failed(method, "device_unavailable", error=type(exc).__name__)
        finally:
            self._busy.release()
        log.info("identification by %s: %s%s", method, result.outcome,
                 f" ({result.error})" if result.error else "")
        return result

    def _failed(self, method: str, outcome: str, *, notice: str | None = None,
                reason: str | None = None, error: str | None = None) -> IdentityResult:
        if notice is None:
            notice = "cancelled" if outcome == "cancelled" else _NOTICE_OF[(method, outcome)]
        return IdentityResult(outcome, method, notice=notice, reason=reason, error=error)

    def _device(self, kind: str) -> Device | None:
        return self.terminal.device_of_kind(kind)

    def _device_failed(self, method: str, err: DeviceError) -> IdentityResult:
        self.terminal.supervisor.poll_soon()    # let the supervisor re-check it now
        return self._failed(method, "device_unavailable", error=err.code)

    def _card_read(self, method: str, card: Any, number: str, name: str) -> IdentityResult:
        return IdentityResult("ok", method, holder_hash(number, self.terminal.config.holder_salt),
                              mask_name(name), card)

    # -- cards -------------------------------------------------------------------------------
    def _read_id_card(self, deadline: float, cancel: threading.Event) -> IdentityResult:
        from drivers.idcard.driver import IdCardReader  # loaded with the device
        reader = self.terminal.device(IdCardReader)
        if reader is None:
            return self._failed("id_card", "device_unavailable", error="not_configured")
        try:
            got = reader.read_card(max(0.0, deadline - time.monotonic()), cancel)
        except IdCardError as err:
            outcome = "unsupported_card" if err.code == "unsupported_card" else "card_error"
            return self._failed("id_card", outcome, error=err.code)
        except DeviceError as err:
            return self._device_failed("id_card", err)
        if got.outcome != "ok":
            return self._failed("id_card", "cancelled" if cancel.is_set() and
                                got.outcome == "no_card" else got.outcome)
        card = got.card
        if not card.id_number_valid:
            return self._failed("id_card", "card_error", notice="id_card_invalid",
                                error="invalid_number")
        return self._card_read("id_card", card, card.id_number,
                               card.name or card.english_name or "")

    def _read_ss_card(self, deadline: float, cancel: threading.Event) -> IdentityResult:
        from drivers.sscard.driver import SsCardReader  # loaded with the device
        reader = self.terminal.device(SsCardReader)
        if reader is None:
            return self._failed("ss_card", "device_unavailable", error="not_configured")
        try:
            got = reader.read_card(max(0.0, deadline - time.monotonic()), cancel)
        except SsCardError as err:
            return self._failed("ss_card", "card_error", error=err.code)
        except DeviceError as err:
            return self._device_failed("ss_card", err)
        if got.outcome != "ok":
            return self._failed("ss_card", "cancelled" if cancel.is_set() and
                                got.outcome == "no_card" else got.outcome)
        card = got.card
        if not card.ss_number_valid:
            return self._failed("ss_card", "card_error", notice="ss_card_invalid",
                                error="invalid_number")
        return self._card_read("ss_card", card, card.ss_number, card.name)

    # -- camera ------------------------------------------------------------------------------
    def _capture_face(self, deadline: float, cancel: threading.Event,
                      on_guidance: Callable[[str], None] | None) -> IdentityResult:
        """The gate runs here on the camera's newest frames, so that the citizen hears
        about every change at once; once a frame passes, the driver's ``capture_face``
        takes the photo (its settling on the best frame, its counters, its health checks).
        While no fresh frame comes (camera closed, source broken) the driver looks
        instead: it opens the camera, or reports the failure."""
        from drivers.camera import face
        from drivers.camera.driver import Camera  # loaded with the device (OpenCV)
        camera = self.terminal.device(Camera)
        if camera is None:
            return self._failed("face", "device_unavailable", error="not_configured")
        guide = _Guide(on_guidance)
        # Only frames captured from now on, as the driver does: the newest one may show a
        # citizen who already left.
        latest = camera.latest()
        seen = latest.seq if latest is not None else 0
        try:
            while not cancel.is_set():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return self._failed("face", "timeout", reason=guide.last or "no_face")
                frame = camera.latest(max_age=_FRESH_S)
                if frame is not None and frame.seq == seen:
                    cancel.wait(min(_FRAME_WAIT, remaining))
                    continue
                if frame is not None:
                    seen = frame.seq
                    check = face.assess(frame.image, self.gate)
                    guide(check.reason)
                    if not check.ok:
                        continue
                    window = self.settle + _HANDOVER_S
                else:
                    window = _DRIVER_SLICE
                shot = camera.capture_face(min(remaining, window), cancel, gate=self.gate,
                                           settle=self.settle)
                if shot.ok:
                    guide("ok")
                    return IdentityResult("ok", "face", photo=shot.jpeg, reason="ok")
                if shot.frames:
                    guide(shot.reason)      # the citizen moved meanwhile
        except DeviceError as err:
            return self._device_failed("face", err)
        return self._failed("face", "cancelled", reason=guide.last)

    def _scan_qr(self, deadline: float, cancel: threading.Event) -> IdentityResult:
        from drivers.camera.driver import Camera  # loaded with the device (OpenCV)
        camera = self.terminal.device(Camera)
        if camera is None:
            return self._failed("qr", "device_unavailable", error="not_configured")
        try:
            text = camera.scan_qr(max(0.0, deadline - time.monotonic()), cancel)
        except DeviceError as err:
            return self._device_failed("qr", err)
        if text is None:
            return self._failed("qr", "cancelled" if cancel.is_set() else "timeout")
        refused = classify_qr(text, prefixes=self.qr_prefixes, own=self._own_qr)
        if refused:
            return self._failed("qr", "rejected", notice=refused)
        return IdentityResult("ok", "qr", credential=text)
