"""The switches for the kiosk's tests of backoff and timeouts: 503/429 with Retry-After,
latency before handling. (Latency after committing: see test_crash.)"""
import time

import pytest
import requests

from .test_auth import assert_error


def test_unavailable_with_retry_after_for_a_number_of_requests(hall, k1, faults):
    faults(fail_status=503, retry_after_s=7, fail_count=2)
    for _ in range(2):
        r = k1.get(f"{hall.api}/catalog", timeout=5)
        assert_error(r, 503, "unavailable")
        assert r.headers["Retry-After"] == "7"
    assert k1.get(f"{hall.api}/catalog", timeout=5).status_code == 200
    assert hall.admin("GET", "/faults")["fail_status"] is None


def test_too_many_requests_until_cleared(hall, k1, faults):
    faults(fail_status=429, retry_after_s=2)
    for _ in range(3):
        r = k1.post(f"{hall.api}/kiosks/K1/transactions:batch", json={"transactions": []},
                    timeout=5)
        assert_error(r, 429, "too_many_requests")
        assert r.headers["Retry-After"] == "2"
    # Unauthenticated requests get the same answer: the overload comes first.
    assert requests.get(f"{hall.api}/catalog", timeout=5).status_code == 429
    # The operator API is not affected, so the test can always clear the fault.
    assert hall.admin("GET", "/faults")["fail_status"] == 429
    faults()
    assert k1.get(f"{hall.api}/catalog", timeout=5).status_code == 200


def test_latency_beyond_the_read_timeout(hall, k1, faults):
    faults(latency_s=1.0)
    with pytest.raises(requests.ReadTimeout):
        k1.get(f"{hall.api}/catalog", timeout=(3, 0.3))
    started = time.monotonic()
    assert k1.get(f"{hall.api}/catalog", timeout=5).status_code == 200
    assert time.monotonic() - started >= 0.9
    faults()
    started = time.monotonic()
    assert k1.get(f"{hall.api}/catalog", timeout=5).status_code == 200
    assert time.monotonic() - started < 0.9
