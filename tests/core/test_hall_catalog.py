"""The hall's catalog and config over the terminal's seed (kiosk/core/hall_catalog.py):
what the hall sends is taken entry by entry, and nothing it sends stops the terminal."""
import copy
import tomllib
from datetime import UTC

import pytest

from kiosk.core import catalog as catalog_mod
from kiosk.core import config, hall_catalog, queries
from kiosk.core.hall_catalog import merge


@pytest.fixture(scope="module")
def seed_path():
    return config.load().catalog_path


@pytest.fixture(scope="module")
def seed(seed_path):
    return catalog_mod.load(seed_path)


@pytest.fixture
def doc(seed_path):
    """The shipped catalog as the hall would send it (JSON-shaped), to be edited."""
    with open(seed_path, "rb") as f:
        return copy.deepcopy(tomllib.load(f))


def names(zh):
    return {"zh_CN": zh, "zh_TW": zh, "en": zh}


def test_the_seed_when_the_hall_never_answered_or_sent_the_same(seed, doc):
    assert merge(seed) == hall_catalog.Merged(seed, "seed", ())
    assert merge(seed, doc, {}) == hall_catalog.Merged(seed, "hall", ())


def test_the_halls_names_order_and_new_print_service_are_taken(seed, doc):
    doc["services"].reverse()
    doc["services"][0]["name"] = names("社保个人权益记录")
    doc["services"].append({"code": "housing_fund_certificate", "flow": "print",
                            "name": names("公积金缴存证明"), "identity": ["id_card"],
                            "devices": ["docprinter"], "offline": False})
    got = merge(seed, doc, None)
    assert got.source == "hall" and got.problems == ()
    codes = [s.code for s in got.catalog.services]
    assert codes[:-1] == [s.code for s in reversed(seed.services)]
    assert codes[-1] == "housing_fund_certificate"
    assert got.catalog.services[0].label("zh_CN") == "社保个人权益记录"


def test_application_questions_stay_when_the_hall_sends_none(seed, doc):
    for s in doc["services"]:
        s.pop("form", None)          # the hall's own catalog carries no forms
    got = merge(seed, doc, None)
    for code in ("mi_resident_enrolment", "ss_card_application"):
        assert got.catalog.service(code).form == seed.service(code).form != ()


def test_a_broken_entry_is_refused_alone_and_the_seeds_stands_in(seed, doc):
    by_code = {s["code"]: s for s in doc["services"]}
    by_code["ss_certificate"]["offline"] = "yes"                 # not a boolean
    by_code["queue_ticket"]["name"] = "排队"                      # not a table of languages
    by_code["mi_resident_enrolment"]["form"] = [{"name": "x", "type": "telepathy"}]
    doc["services"].append({"code": "hologram", "flow": "hologram", "name": names("全息")})
    doc["services"].append({"code": "new_query", "flow": "query", "name": names("新查询")})
    doc["services"].append("not an entry")
    got = merge(seed, doc, None)
    assert got.catalog.service("ss_certificate") == seed.service("ss_certificate")
    assert got.catalog.service("queue_ticket") == seed.service("queue_ticket")
    assert got.catalog.service("mi_resident_enrolment") == seed.service("mi_resident_enrolment")
    for left_out in ("hologram", "new_query"):
        with pytest.raises(KeyError):
            got.catalog.service(left_out)
    text = "\n".join(got.problems)
    assert len(got.problems) == 6, text
    assert "'ss_certificate'" in text and "offline" in text
    assert "'hologram'" in text and "left out" in text
    assert "'new_query'" in text and "columns" in text


def test_a_query_service_brings_its_columns(seed, doc):
    doc["services"].append({
        "code": "housing_fund_history", "flow": "query", "name": names("公积金缴存记录"),
        "identity": ["id_card"], "devices": [], "offline": False,
        "columns": [{"key": "month", "name": {"zh_CN": "月份", "en": "Month"}},
                    {"key": "amount_fen", "name": {"zh_CN": "金额(元)"}, "format": "yuan"}]})
    service = merge(seed, doc, None).catalog.service("housing_fund_history")
    titles, cells = queries.table(service, [{"month": "2026-10", "amount_fen": 123456}], "en")
    assert titles == ["Month", "金额(元)"] and cells == [["2026-10", "1,234.56"]]


def test_enabled_services_hide_the_others_but_never_all(seed, doc):
    got = merge(seed, doc, {"enabled_services": ["queue_ticket", "service_guide"]})
    assert [s.code for s in got.catalog.services] == ["queue_ticket", "service_guide"]
    assert [g.services for g in got.catalog.home_groups()] == [("queue_ticket",),
                                                               ("service_guide",)]
    for silly in ({"enabled_services": []}, {"enabled_services": "all"}):
        got = merge(seed, doc, silly)
        assert got.catalog.services == seed.services and len(got.problems) == 1


def test_categories_kinds_and_groups_entry_by_entry(seed, doc):
    doc["ticket_categories"].append({"code": "tax", "letter": "T", "name": names("税务类")})
    doc["ticket_categories"].append({"code": "bad", "letter": "TT", "name": names("坏")})
    doc["ticket_kinds"] = "all of them"
    doc["service_groups"] = [{"code": "everything", "name": names("全部"),
                              "services": [s["code"] for s in doc["services"]]}]
    got = merge(seed, doc, None).catalog
    assert [c.code for c in got.ticket_categories][-1] == "tax"
    assert "bad" not in [c.code for c in got.ticket_categories]
    assert got.ticket_kinds == seed.ticket_kinds
    assert [g.code for g in got.home_groups()] == ["everything"]


@pytest.mark.parametrize("body", [[], "catalog", {"services": []}, {"services": "x"},
                                  {"services": [None, 3]}])
def test_nothing_usable_keeps_the_seed(seed, body):
    got = merge(seed, body, None)
    assert got.catalog.services == seed.services
    assert got.problems or body == {"services": []}


def test_the_shipped_file_is_strict(tmp_path):
    bad = tmp_path / "catalog.toml"
    bad.write_text('[[services]]\ncode = "x"\nflow = "hologram"\nname = {zh_CN = "x"}\n',
                   encoding="utf-8")
    with pytest.raises(ValueError, match=r"catalog\.toml: service 'x': flow 'hologram'"):
        catalog_mod.load(bad)


def test_sync_status_tells_the_technician_what_was_refused(tmp_path, doc):
    """``kiosk sync status`` (a separate process, reading the terminal's database)."""
    import json
    import subprocess
    import sys
    from datetime import datetime

    from offline_cache import caches, db

    (tmp_path / "kiosk.toml").write_text('[kiosk]\nid = "K1"\ndata_dir = "data"\n',
                                         encoding="utf-8")
    (tmp_path / "data").mkdir()

    def status(*extra):
        done = subprocess.run([sys.executable, "-m", "kiosk.cli", "sync", "status",
                               "--config", str(tmp_path / "kiosk.toml"), *extra],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "catalog            the terminal's own, 16 services\n" in status()
    doc["services"][0]["flow"] = "hologram"
    conn = db.connect(tmp_path / "data" / "kiosk.db")
    caches.put(conn, "catalog", '"v2"', doc, datetime.now(UTC))
    conn.close()
    text = status()
    assert "catalog            the hall's, 16 services; 1 problem:" in text
    assert "  - services: service 'queue_ticket': flow 'hologram' is not one this terminal " \
           "can run; the terminal's own entry is used" in text
    got = json.loads(status("--json"))["catalog"]
    assert got["source"] == "hall" and len(got["problems"]) == 1
