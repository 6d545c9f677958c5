"""The IPP codec against fixed bytes: the protocol examples of RFC 2565 §9 (the same
encoding as RFC 8010's) and a reply captured from cupsd 2.4.2 on Debian 12."""
import pytest

from drivers.docprinter import ipp
from drivers.docprinter.ipp import IppDecodeError, Op, Status, Tag


def a(tag: str, name: str, value: bytes) -> bytes:
    """value-tag, name-length, name, value-length, value (RFC 8010 §3.1.4)."""
    raw_name = name.encode()
    return (bytes.fromhex(tag) + len(raw_name).to_bytes(2, "big") + raw_name
            + len(value).to_bytes(2, "big") + value)


# RFC 2565 §9.1, octet by octet (version 1.0, Print-Job, request-id 1).
RFC_PRINT_JOB = (
    bytes.fromhex("0100 0002 00000001")
    + bytes.fromhex("01")
    + bytes.fromhex("47 0012") + b"attributes-charset" + bytes.fromhex("0008") + b"us-ascii"
    + bytes.fromhex("48 001B") + b"attributes-natural-language" + bytes.fromhex("0005")
    + b"en-us"
    + bytes.fromhex("45 000B") + b"printer-uri" + bytes.fromhex("001A")
    + b"http://forest:631/pinetree"
    + bytes.fromhex("42 0008") + b"job-name" + bytes.fromhex("0006") + b"foobar"
    + bytes.fromhex("22 0016") + b"ipp-attribute-fidelity" + bytes.fromhex("0001 01")
    + bytes.fromhex("02")
    + bytes.fromhex("21 0006") + b"copies" + bytes.fromhex("0004 00000014")
    + bytes.fromhex("44 0005") + b"sides" + bytes.fromhex("0013") + b"two-sided-long-edge"
    + bytes.fromhex("03")
    + b"%!PS..."
)

# RFC 2565 §9.7: Get-Jobs with a three-valued requested-attributes (additional values
# have a name-length of 0).
RFC_GET_JOBS = (
    bytes.fromhex("0100 000A 00000123 01")
    + bytes.fromhex("47 0012") + b"attributes-charset" + bytes.fromhex("0008") + b"us-ascii"
    + bytes.fromhex("48 001B") + b"attributes-natural-language" + bytes.fromhex("0005")
    + b"en-us"
    + bytes.fromhex("45 000B") + b"printer-uri" + bytes.fromhex("001A")
    + b"http://forest:631/pinetree"
    + bytes.fromhex("21 0005") + b"limit" + bytes.fromhex("0004 00000032")
    + bytes.fromhex("44 0014") + b"requested-attributes" + bytes.fromhex("0006") + b"job-id"
    + bytes.fromhex("44 0000 0008") + b"job-name"
    + bytes.fromhex("44 0000 000F") + b"document-format"
    + bytes.fromhex("03")
)

# RFC 2565 §9.3: the failed Print-Job reply, with an unsupported-attributes group and
# the out-of-band value 'unsupported' (0x10, no value bytes).
RFC_PRINT_JOB_FAILED = (
    bytes.fromhex("0100 0400 00000001 01")
    + bytes.fromhex("47 0012") + b"attributes-charset" + bytes.fromhex("0008") + b"us-ascii"
    + bytes.fromhex("48 001B") + b"attributes-natural-language" + bytes.fromhex("0005")
    + b"en-us"
    + bytes.fromhex("41 000E") + b"status-message" + bytes.fromhex("002F")
    + b"client-error-attributes-or-values-not-supported"
    + bytes.fromhex("05")
    + bytes.fromhex("21 0006") + b"copies" + bytes.fromhex("0004 00000014")
    + bytes.fromhex("10 0005") + b"sides" + bytes.fromhex("0000")
    + bytes.fromhex("03")
)

# cupsd 2.4.2 (Debian 12) answering Get-Printer-Attributes for a stopped cups-pdf queue
# reporting media-empty-error: boolean, enum, a two-valued keyword and media-col-default,
# a collection holding a collection (A4 in hundredths of a millimetre).
CUPS_PRINTER_REPLY = bytes.fromhex(
    "020000000000000701470012617474726962757465732d6368617273657400057574662d3848001b"
    "617474726962757465732d6e61747572616c2d6c616e67756167650002656e042200197072696e74"
    "65722d69732d616363657074696e672d6a6f627300010123000d7072696e7465722d737461746500"
    "04000000054400157072696e7465722d73746174652d726561736f6e730006706175736564440000"
    "00116d656469612d656d7074792d6572726f723400116d656469612d636f6c2d64656661756c7400"
    "004a0000000a6d656469612d73697a6534000000004a0000000b782d64696d656e73696f6e210000"
    "0004000051fe4a0000000b792d64696d656e73696f6e21000000040000740837000000004a000000"
    "136d656469612d626f74746f6d2d6d617267696e2100000004000000004a000000116d656469612d"
    "6c6566742d6d617267696e2100000004000000004a000000126d656469612d72696768742d6d6172"
    "67696e2100000004000000004a000000106d656469612d746f702d6d617267696e21000000040000"
    "0000370000000003")


def test_encodes_the_rfc_print_job_request():
    encoded = ipp.encode(Op.PRINT_JOB, 1, [
        (Tag.OPERATION, [(Tag.CHARSET, "attributes-charset", "us-ascii"),
                         (Tag.LANGUAGE, "attributes-natural-language", "en-us"),
                         (Tag.URI, "printer-uri", "http://forest:631/pinetree"),
                         (Tag.NAME, "job-name", "foobar"),
                         (Tag.BOOLEAN, "ipp-attribute-fidelity", True)]),
        (Tag.JOB, [(Tag.INTEGER, "copies", 20),
                   (Tag.KEYWORD, "sides", "two-sided-long-edge")]),
    ], data=b"%!PS...", version=(1, 0))
    assert encoded == RFC_PRINT_JOB


def test_encodes_additional_values_with_an_empty_name():
    encoded = ipp.encode(Op.GET_JOBS, 0x123, [
        (Tag.OPERATION, [(Tag.CHARSET, "attributes-charset", "us-ascii"),
                         (Tag.LANGUAGE, "attributes-natural-language", "en-us"),
                         (Tag.URI, "printer-uri", "http://forest:631/pinetree"),
                         (Tag.INTEGER, "limit", 50),
                         (Tag.KEYWORD, "requested-attributes",
                          ["job-id", "job-name", "document-format"])])], version=(1, 0))
    assert encoded == RFC_GET_JOBS


def test_decodes_the_rfc_print_job_request_with_its_document():
    message = ipp.decode(RFC_PRINT_JOB)
    assert (message.version, message.code, message.request_id) == ((1, 0), Op.PRINT_JOB, 1)
    assert [g.tag for g in message.groups] == [Tag.OPERATION, Tag.JOB]
    operation = message.group(Tag.OPERATION)
    assert operation.get("printer-uri") == "http://forest:631/pinetree"
    assert operation.get("ipp-attribute-fidelity") is True
    job = message.group(Tag.JOB)
    assert job.get("copies") == 20 and job.get("sides") == "two-sided-long-edge"
    assert message.data == b"%!PS..."


def test_decodes_a_multi_valued_attribute():
    message = ipp.decode(RFC_GET_JOBS)
    assert message.group(Tag.OPERATION).values("requested-attributes") == (
        "job-id", "job-name", "document-format")
    assert message.group(Tag.OPERATION).get("limit") == 50 and message.data == b""


def test_decodes_an_error_reply_with_unsupported_attributes():
    message = ipp.decode(RFC_PRINT_JOB_FAILED)
    assert message.code == Status.BAD_REQUEST
    assert message.group(Tag.OPERATION).get("status-message") == (
        "client-error-attributes-or-values-not-supported")
    unsupported = message.group(Tag.UNSUPPORTED_GROUP)
    assert unsupported.get("copies") == 20
    assert "sides" in unsupported and unsupported.get("sides") is None


def test_decodes_a_reply_captured_from_cupsd():
    message = ipp.decode(CUPS_PRINTER_REPLY)
    assert (message.version, message.code, message.request_id) == ((2, 0), Status.OK, 7)
    printer = message.group(Tag.PRINTER)
    assert printer.get("printer-is-accepting-jobs") is True
    assert printer.get("printer-state") == 5  # stopped
    assert printer.values("printer-state-reasons") == ("paused", "media-empty-error")
    assert printer.get("media-col-default") == {
        "media-size": {"x-dimension": 20990, "y-dimension": 29704},
        "media-bottom-margin": 0, "media-left-margin": 0, "media-right-margin": 0,
        "media-top-margin": 0}


def test_text_with_language_and_dates():
    # textWithLanguage: 2-byte language length, language, 2-byte text length, text
    # (RFC 8010 §3.9); dateTime: RFC 2579 DateAndTime, 11 octets.
    body = (bytes.fromhex("0200 0000 00000001 02")
            + a("35", "job-name", bytes.fromhex("0005") + b"zh-cn" + bytes.fromhex("000f")
                + "打印测试页".encode())
            + a("31", "time-at-completed", bytes.fromhex("07EA 0B 16 02 23 05 00 2B 08 00"))
            + bytes.fromhex("03"))
    job = ipp.decode(body).group(Tag.JOB)
    assert job.get("job-name") == "打印测试页"
    completed = job.get("time-at-completed")
    assert (completed.year, completed.month, completed.day, completed.hour) == (2026, 11, 22, 2)
    assert completed.utcoffset().total_seconds() == 8 * 3600


@pytest.mark.parametrize("cut", [3, 9, 12, 30, len(CUPS_PRINTER_REPLY) - 1])
def test_a_truncated_message_is_an_error(cut):
    with pytest.raises(IppDecodeError):
        ipp.decode(CUPS_PRINTER_REPLY[:cut])


def test_an_attribute_before_any_group_is_an_error():
    with pytest.raises(IppDecodeError):
        ipp.decode(bytes.fromhex("0200 0000 00000001") + a("21", "copies", bytes(4)))
