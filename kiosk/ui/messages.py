"""Sentences for the reason and notice codes that ``kiosk.core`` returns.

They go through Qt's translation system like the QML strings (context ``Messages``,
extracted by ``pyside6-lupdate`` from this file). Every sentence tells the citizen what
to do, not only what is wrong.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from kiosk.core.storage import StorageFull

_CONTEXT = "Messages"

_TEXTS = {
    # Why a service or ticket kind is unavailable.
    "printer_paper_out": QT_TRANSLATE_NOOP("Messages", "打印机缺纸，请到窗口办理"),
    "printer_cover_open": QT_TRANSLATE_NOOP("Messages", "打印机盖未关好，请到窗口办理"),
    "printer_paper_jam": QT_TRANSLATE_NOOP("Messages", "打印机卡纸，请到窗口办理"),
    "printer_offline": QT_TRANSLATE_NOOP("Messages", "打印机暂时无法使用，请到窗口办理"),
    "printer_missing": QT_TRANSLATE_NOOP("Messages", "本机没有凭条打印机，请到窗口办理"),
    "printer_error": QT_TRANSLATE_NOOP("Messages", "打印机故障，请到窗口办理"),
    "idcard_offline": QT_TRANSLATE_NOOP("Messages", "身份证阅读器暂时无法使用，请到窗口办理"),
    "idcard_missing": QT_TRANSLATE_NOOP("Messages", "本机没有身份证阅读器，请到窗口办理"),
    "idcard_error": QT_TRANSLATE_NOOP("Messages", "身份证阅读器故障，请到窗口办理"),
    "hall_offline": QT_TRANSLATE_NOOP("Messages", "需要联网办理，网络暂时不通，请到窗口办理"),
    # The terminal's disk is full: nothing can be recorded (kiosk.core.storage).
    "disk_full": QT_TRANSLATE_NOOP("Messages", "本机存储空间已满，暂时无法办理，请到人工窗口"),
    "sscard_offline": QT_TRANSLATE_NOOP("Messages", "社保卡读卡器暂时无法使用，请到窗口办理"),
    "sscard_missing": QT_TRANSLATE_NOOP("Messages", "本机没有社保卡读卡器，请到窗口办理"),
    "sscard_error": QT_TRANSLATE_NOOP("Messages", "社保卡读卡器故障，请到窗口办理"),
    "camera_offline": QT_TRANSLATE_NOOP("Messages", "摄像头暂时无法使用，请到窗口办理"),
    "camera_missing": QT_TRANSLATE_NOOP("Messages", "本机没有摄像头，请到窗口办理"),
    "camera_error": QT_TRANSLATE_NOOP("Messages", "摄像头故障，请到窗口办理"),
    "identity_unsupported":
        QT_TRANSLATE_NOOP("Messages", "本机暂不支持这项业务的身份核验，请到窗口办理"),
    "docprinter_paper_out": QT_TRANSLATE_NOOP("Messages", "A4 打印机缺纸，请到窗口办理"),
    "docprinter_paper_jam": QT_TRANSLATE_NOOP("Messages", "A4 打印机卡纸，请到窗口办理"),
    "docprinter_offline": QT_TRANSLATE_NOOP("Messages", "A4 打印机暂时无法使用，请到窗口办理"),
    "docprinter_missing": QT_TRANSLATE_NOOP("Messages", "本机没有 A4 打印机，请到窗口办理"),
    "docprinter_error": QT_TRANSLATE_NOOP("Messages", "A4 打印机故障，请到窗口办理"),
    "locker_offline": QT_TRANSLATE_NOOP("Messages", "取件柜暂时无法使用，请到窗口领取"),
    "locker_missing": QT_TRANSLATE_NOOP("Messages", "本机没有取件柜，请到窗口领取"),
    "locker_error": QT_TRANSLATE_NOOP("Messages", "取件柜故障，请到窗口领取"),
    # Notices on the ticket screen (identification has its own: identify_text).
    "issue_failed": QT_TRANSLATE_NOOP("Messages", "取号没有成功，请到窗口办理。"),
    # Why a ticket did not print (the number is valid all the same).
    "paper_out":
        QT_TRANSLATE_NOOP("Messages", "凭条没有打印出来（打印机缺纸）。您的号码有效，请记下号码。"),
    "cover_open":
        QT_TRANSLATE_NOOP(
            "Messages", "凭条没有打印出来（打印机盖未关好）。您的号码有效，请记下号码。"),
    "print_failed": QT_TRANSLATE_NOOP("Messages", "凭条没有打印出来。您的号码有效，请记下号码。"),
}


_PICKUP = {
    "ok": QT_TRANSLATE_NOOP("Messages", "请到 %1 号柜门取走您的证件，取完请关好柜门。"),
    "wrong_code":
        QT_TRANSLATE_NOOP("Messages", "取件码和身份证对不上。请核对短信里的取件码再输入一次。"),
    "collected":
        QT_TRANSLATE_NOOP("Messages", "这个取件码的证件已经取走了。如有疑问请到窗口咨询。"),
    "expired": QT_TRANSLATE_NOOP("Messages", "取件码已过期，请到窗口领取。"),
    "locked_out":
        QT_TRANSLATE_NOOP("Messages", "取件码输错次数太多，请 15 分钟后再试，或到窗口领取。"),
    "no_data": QT_TRANSLATE_NOOP("Messages", "取件信息还没有同步到本机，请到窗口领取。"),
    "no_lockers": QT_TRANSLATE_NOOP("Messages", "本机没有取件柜，请到窗口领取。"),
    "device_error":
        QT_TRANSLATE_NOOP("Messages", "柜门没有打开，请到窗口领取，工作人员会帮您处理。"),
}


_DOCUMENT = {
    "ok": QT_TRANSLATE_NOOP("Messages", "请在下方出纸口取走您的文件，共 %1 页。"),
    "hall_unavailable":
        QT_TRANSLATE_NOOP(
            "Messages", "暂时取不到您的证明（网络或系统原因）。请稍后再试，或到窗口办理。"),
    "printer_error":
        QT_TRANSLATE_NOOP("Messages", "证明没有打印出来（打印机原因），请到窗口办理。"),
    "no_printer": QT_TRANSLATE_NOOP("Messages", "本机没有 A4 打印机，请到窗口办理。"),
}


_GUIDE_PRINT = {
    "printing": QT_TRANSLATE_NOOP("Messages", "正在打印…"),
    "printed": QT_TRANSLATE_NOOP("Messages", "已打印，请取走凭条。"),
    "paper_out": QT_TRANSLATE_NOOP("Messages", "打印机缺纸，没有打印出来。"),
}


# Identification notices (the codes of kiosk.core.identify.NOTICES; "cancelled" is never
# shown: the citizen chose another way). A device that is down is only stated: the
# identify screen's title says what to do (another way, or a counter).
_IDENTIFY = {
    "id_card_absent":
        QT_TRANSLATE_NOOP("Messages", "没有读到身份证。请把身份证平放在感应区，再点“重新读卡”。"),
    "id_card_removed":
        QT_TRANSLATE_NOOP(
            "Messages", "身份证拿开得太快了。请把身份证放好，不要移动，再点“重新读卡”。"),
    "id_card_unreadable":
        QT_TRANSLATE_NOOP("Messages", "这张证件读不出来。请换个位置再放一次，或到窗口办理。"),
    "id_card_unsupported": QT_TRANSLATE_NOOP("Messages", "本机暂不支持这种证件，请到窗口办理。"),
    "id_card_invalid": QT_TRANSLATE_NOOP("Messages", "证件号码无效，请到窗口办理。"),
    "id_card_reader_unavailable": QT_TRANSLATE_NOOP("Messages", "身份证阅读器暂时无法使用。"),
    "ss_card_absent":
        QT_TRANSLATE_NOOP(
            "Messages", "没有读到社保卡。请把社保卡芯片朝里插入读卡口，再点“重新读卡”。"),
    "ss_card_removed":
        QT_TRANSLATE_NOOP("Messages", "社保卡拔出得太快了。请重新插卡，读完前不要拔出。"),
    "ss_card_pin_required":
        QT_TRANSLATE_NOOP("Messages", "这张社保卡需要先输入密码，请到窗口办理。"),
    "ss_card_unreadable":
        QT_TRANSLATE_NOOP("Messages", "这张社保卡读不出来。请重新插卡，或到窗口办理。"),
    "ss_card_invalid": QT_TRANSLATE_NOOP("Messages", "这张卡不是有效的社保卡，请到窗口办理。"),
    "ss_card_reader_unavailable": QT_TRANSLATE_NOOP("Messages", "社保卡读卡器暂时无法使用。"),
    "face_timeout":
        QT_TRANSLATE_NOOP("Messages", "没有拍到合格的照片。请按提示调整后，再点“再试一次”。"),
    "camera_unavailable": QT_TRANSLATE_NOOP("Messages", "摄像头暂时无法使用。"),
    "qr_timeout":
        QT_TRANSLATE_NOOP(
            "Messages", "没有扫到二维码。请把手机上的二维码对准摄像头，再点“重新扫码”。"),
    "qr_foreign":
        QT_TRANSLATE_NOOP("Messages", "这个二维码不能用于办事。请出示电子证照或预约二维码。"),
    "qr_payment_code":
        QT_TRANSLATE_NOOP("Messages", "这是付款码，请勿出示！请出示电子证照或预约二维码。"),
    "verify_no_match": QT_TRANSLATE_NOOP("Messages", "人脸与身份证照片不一致。"),
    "verify_offline":
        QT_TRANSLATE_NOOP(
            "Messages", "本机暂时无法联网，现在不能进行人脸核验。请稍后再来，或到窗口办理。"),
    "verify_unavailable":
        QT_TRANSLATE_NOOP("Messages", "人脸核验暂时无法进行。请稍后再试，或到窗口办理。"),
    "verify_no_photo": QT_TRANSLATE_NOOP("Messages", "人脸核验需要身份证，请先刷身份证。"),
    "take_id_card": QT_TRANSLATE_NOOP("Messages", "请取走您的身份证"),
    "take_ss_card": QT_TRANSLATE_NOOP("Messages", "请取走您的社保卡"),
}


# What the citizen in front of the camera should do (drivers.camera.PROMPTS reasons):
# short, shown big and read aloud.
_FACE_PROMPTS = {
    "ok": QT_TRANSLATE_NOOP("Messages", "拍摄成功"),
    "no_face": QT_TRANSLATE_NOOP("Messages", "请正对摄像头"),
    "several_faces": QT_TRANSLATE_NOOP("Messages", "请确保画面中只有您一人"),
    "too_small": QT_TRANSLATE_NOOP("Messages", "请靠近一点"),
    "too_large": QT_TRANSLATE_NOOP("Messages", "请稍微后退"),
    "off_centre": QT_TRANSLATE_NOOP("Messages", "请把脸移到框中间"),
    "too_dark": QT_TRANSLATE_NOOP("Messages", "光线太暗，请面向光源"),
    "too_bright": QT_TRANSLATE_NOOP("Messages", "光线太强，请避开强光"),
    "blurry": QT_TRANSLATE_NOOP("Messages", "请保持不动"),
}


_TIMEOUT_WARNING = QT_TRANSLATE_NOOP(
    "Messages", "您还需要更多时间吗？%1 秒后本次办理将结束，您填写的信息将被清除。"
                "需要继续请按“继续办理”。")


_STAFF_CALL = {
    True: QT_TRANSLATE_NOOP("Messages", "已通知工作人员，马上有人过来，请在这里稍候。"),
    False: QT_TRANSLATE_NOOP("Messages", "网络暂时不通，工作人员可能还没收到通知。"
                                         "请向附近的工作人员招手示意。"),
}


def staff_call_text(hall_reachable: bool) -> str:
    """What the citizen is told after 呼叫工作人员: someone is coming, or (the hall out of
    reach: the call waits in the outbox) to wave to the staff nearby."""
    return QCoreApplication.translate(_CONTEXT, _STAFF_CALL[hall_reachable])


def timeout_warning_text(seconds: int) -> str:
    """The inactivity warning: what will happen, and when (shown and spoken alike)."""
    return QCoreApplication.translate(_CONTEXT, _TIMEOUT_WARNING).replace("%1", str(seconds))


def identify_text(code: str) -> str:
    """The sentence for an identification notice code ('' for none or ``cancelled``)."""
    source = _IDENTIFY.get(code or "")
    if source is None:
        return ""
    return QCoreApplication.translate(_CONTEXT, source)


def face_prompt_text(reason: str) -> str:
    """The short instruction for a face quality gate reason ('' for none)."""
    source = _FACE_PROMPTS.get(reason or "")
    return QCoreApplication.translate(_CONTEXT, source) if source else ""


def guide_print_text(status: str) -> str:
    if not status:
        return ""
    source = _GUIDE_PRINT.get(status, QT_TRANSLATE_NOOP(
        "Messages", "没有打印出来，请到咨询台索取。"))
    return QCoreApplication.translate(_CONTEXT, source)


def document_text(outcome: str, pages: int | None) -> str:
    """What the printed screen says ('' before any attempt)."""
    source = _DOCUMENT.get(outcome)
    if source is None:
        return ""
    return QCoreApplication.translate(_CONTEXT, source).replace("%1", str(pages or 1))


def pickup_text(outcome: str, door: int | None) -> str:
    """What the pickup result screen says ('' before any attempt)."""
    source = _PICKUP.get(outcome)
    if source is None:
        return ""
    text_ = QCoreApplication.translate(_CONTEXT, source)
    return text_.replace("%1", str(door)) if door else text_


def text(code: str) -> str:
    """The sentence for ``code`` in the current language ('' for no code)."""
    if not code:
        return ""
    source = _TEXTS.get(code)
    if source is None:
        prefix = code.split("_", 1)[0]
        source = _TEXTS.get(f"{prefix}_error", _TEXTS["print_failed"])
    return QCoreApplication.translate(_CONTEXT, source)


def failure_code(error: BaseException, default: str) -> str:
    """The notice code for a job that raised: ``disk_full`` for a full disk (the citizen
    is told plainly, the technician sees the terminal's storage state), else ``default``."""
    return "disk_full" if isinstance(error, StorageFull) else default


def print_error_text(code: str) -> str:
    if not code:
        return ""
    return text(code if code in ("paper_out", "cover_open") else "print_failed")
