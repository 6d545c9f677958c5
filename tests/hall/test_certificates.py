"""The certificates (养老保险参保缴费证明, 无犯罪记录证明,
生育保险待遇确认凭证): one-page A4 PDFs from the seeded records, fetched over HTTP.

The page is an image; what each document found is in the PDF's Subject, which is what
these tests read (with pdfinfo, as a print operator would)."""
import subprocess

import pytest

from .helpers import seed_holder

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
