"""A hall serving its default catalog offers the services of the kiosk's seed
(kiosk/data/catalog.toml), and each service the hall answers for is in that catalog.

Mirrored: what says which services there are and how they run (below, ``MIRRORED``);
an application's questions (``form``) are the kiosk's own and are not."""
import tomllib

from hall import services
from hall.seed import DEFAULT_CATALOG

from .conftest import ROOT

MIRRORED = ("code", "flow", "name", "summary", "identity", "devices", "offline")


def kiosk_seed() -> dict:
    with open(ROOT / "kiosk" / "data" / "catalog.toml", "rb") as f:
        return tomllib.load(f)


def mirrored(services_: list[dict]) -> list[dict]:
    return [{k: s.get(k) for k in MIRRORED} for s in services_]


def test_the_default_catalog_mirrors_the_kiosk_seed():
    seed = kiosk_seed()
    assert DEFAULT_CATALOG["services"] == mirrored(seed["services"])
    for key in ("ticket_categories", "ticket_kinds"):
        assert DEFAULT_CATALOG[key] == seed[key], key


def test_the_hall_serves_it_and_answers_for_its_services(hall, k1):
    catalog = k1.get(f"{hall.api}/catalog", timeout=5).json()
    assert catalog["services"] == mirrored(kiosk_seed()["services"])
    flows = {s["code"]: s["flow"] for s in catalog["services"]}
    assert {code: flows.get(code) for code in services.DOCUMENTS} == \
        dict.fromkeys(services.DOCUMENTS, "print")
    assert {flows.get(code) for code in services.QUERIES} <= {"query", "pay"}
    assert {flows.get(code) for code in services.DUES} == {"pay"}
    # Every print service of the catalog has its document at the hall.
    assert {c for c, f in flows.items() if f == "print"} == set(services.DOCUMENTS)
