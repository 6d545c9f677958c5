"""Property-based check of the running hall against the committed OpenAPI document
(schemathesis): for generated valid and invalid requests, no 5xx, and every answer is one
the document declares (status, content type, headers, body schema)."""
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from .conftest import TOKENS

schema = schemathesis.openapi.from_path(Path(__file__).resolve().parents[2]
                                        / "hall" / "openapi.json")
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
                                deterministic=True, with_security_parameters=False)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]
KIOSK = "K3"


@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_server_errors_and_answers_as_documented(case, hall):
    # Mostly as the authenticated kiosk itself, so that requests get past the 403 of a
    # foreign kiosk id and reach the handlers.
    if "kiosk_id" in (case.path_parameters or {}):
        case.path_parameters["kiosk_id"] = KIOSK
    response = case.call(base_url=hall.url, timeout=30, headers={
        "Authorization": f"Bearer {TOKENS[KIOSK]}", "X-Kiosk-Id": KIOSK})
    case.validate_response(response, checks=CHECKS)
