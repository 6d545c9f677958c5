"""The certificates (养老保险参保缴费证明, 无犯罪记录证明,
生育保险待遇确认凭证): one-page A4 PDFs from the seeded records, fetched over HTTP.

The page is an image; what each document found is in the PDF's Subject, which is what
these tests read (with pdfinfo, as a print operator would)."""
import subprocess

import pytest

from hall import documents, services
from kiosk.core import queries

from .helpers import page_image, seed_holder, where

NOBODY = "0" * 64


def fetch_pdf(session, hall, service, holder, tmp_path) -> dict[str, str]:
    """Create the document and fetch it; pdfinfo's fields of the PDF."""
    r = session.post(f"{hall.api}/services/{service}/documents",
                     json={"holder": holder, "params": {}}, timeout=30)
    assert r.status_code == 200, r.text
    pdf = session.get(f"{hall.api}/documents/{r.json()['document_id']}", timeout=10)
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    path = tmp_path / f"{service}.pdf"
    path.write_bytes(pdf.content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, timeout=10)
    assert info.returncode == 0, info.stderr
    fields = {k.strip(): v.strip() for k, v in
              (line.split(":", 1) for line in info.stdout.splitlines() if ":" in line)}
    assert fields["Pages"] == "1" and "(A4)" in fields["Page size"]
    return fields


@pytest.mark.parametrize("service, title, holder, found", [
    ("pension_certificate", "养老保险参保缴费证明", seed_holder(1), "累计缴费 98 个月"),
    ("pension_certificate", "养老保险参保缴费证明", seed_holder(2), "累计缴费 26 个月"),
    ("pension_certificate", "养老保险参保缴费证明", NOBODY, "未查询到养老保险参保缴费记录"),
    ("no_criminal_record", "无犯罪记录证明", seed_holder(1), "未发现有犯罪记录"),
    ("no_criminal_record", "无犯罪记录证明", seed_holder(2), "未发现有犯罪记录"),
    ("no_criminal_record", "无犯罪记录证明", NOBODY, "未查询到人员登记信息，不能出具"),
    ("maternity_confirmation", "生育保险待遇确认凭证", seed_holder(1),
     "1 条已确认的生育保险待遇"),
    ("maternity_confirmation", "生育保险待遇确认凭证", seed_holder(2),
     "未查询到生育保险待遇记录"),
])
def test_the_new_certificates(hall, k1, tmp_path, service, title, holder, found):
    fields = fetch_pdf(k1, hall, service, holder, tmp_path)
    assert fields["Title"] == title
    assert fields["Subject"] == found


def test_the_older_documents_say_what_they_found_too(hall, k1, tmp_path):
    assert fetch_pdf(k1, hall, "ss_certificate", seed_holder(1), tmp_path)["Subject"] == \
        "缴费记录：12 个月"
    assert fetch_pdf(k1, hall, "property_register_extract", NOBODY, tmp_path)["Subject"] == \
        "未查询到不动产登记信息"


# -- who the page is for -------------------------------------------------------------------
MASKED = {"masked_name": "张*", "masked_id_number": "4401**********0010"}


def page_of(session, hall, service, holder, params, tmp_path):
    """The printed page of a new document."""
    r = session.post(f"{hall.api}/services/{service}/documents",
                     json={"holder": holder, "params": params}, timeout=30)
    assert r.status_code == 200, r.text
    pdf = tmp_path / "page.pdf"
    pdf.write_bytes(session.get(f"{hall.api}/documents/{r.json()['document_id']}",
                                timeout=10).content)
    return page_image(pdf)


@pytest.mark.skipif(documents.cjk_font_path() is None, reason="no CJK font")
@pytest.mark.parametrize("service", sorted(services.DOCUMENTS))
def test_the_page_names_the_holder_by_masked_name_and_id_number(hall, k1, tmp_path, service):
    page = page_of(k1, hall, service, seed_holder(1), MASKED, tmp_path)
    assert where(page, "持证人：张*")[0] > 0.95
    assert where(page, "证件号码：4401**********0010")[0] > 0.95
    assert where(page, "持证人：李*")[0] < 0.9             # the comparison tells names apart
    assert where(page, "标识：")[0] < 0.9                  # no hash for the citizen to decipher


@pytest.mark.parametrize("params, code", [
    ({"masked_name": "张*", "masked_id_number": "440106199101010010"}, "unmasked_id_number"),
    ({"masked_name": "张*", "masked_id_number": "81000019850601001x"}, "unmasked_id_number"),
    ({"masked_name": "张*", "masked_id_number": "４４０１０６１９９１０１０１００１０"},
     "unmasked_id_number"),
    ({"masked_id_number": "440106199101"}, "unmasked_id_number"),        # no mask at all
    ({"note": "身份证 440106199101010010"}, "unmasked_id_number"),        # wherever it is
    ({"masked_name": "张三"}, "invalid_params"),
    ({"masked_name": "张" + "*" * 40}, "invalid_params"),
    ({"masked_name": ["张*"]}, "invalid_params"),
    ({"masked_id_number": 4401}, "invalid_params"),
    ({"masked_id_number": ""}, "invalid_params"),
])
def test_the_hall_refuses_what_is_not_masked(hall, k1, params, code):
    r = k1.post(f"{hall.api}/services/ss_certificate/documents",
                json={"holder": seed_holder(1), "params": params}, timeout=30)
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] == code
    assert "440106199101010010" not in r.text


@pytest.mark.skipif(documents.cjk_font_path() is None, reason="no CJK font")
@pytest.mark.parametrize("service", ["ss_certificate", "pension_certificate"])
def test_contributions_come_in_the_order_of_the_results_screen(hall, k1, tmp_path, service):
    """The kiosk's screen (its columns of ss_payment_history) lists the citizen's own
    share before the employer's: the certificates do too."""
    screen = [c.title("zh_CN") for c in queries.COLUMNS["ss_payment_history"]
              if c.key in ("personal_fen", "employer_fen")]
    page = page_of(k1, hall, service, seed_holder(1), MASKED, tmp_path)
    found = {title: where(page, title, 24) for title in screen}
    assert all(score > 0.9 for score, _ in found.values()), found
    assert sorted(screen, key=lambda title: found[title][1]) == screen
