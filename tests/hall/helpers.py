"""Builders shared by the hall tests."""
from __future__ import annotations

import gzip
import hashlib
import hmac
import json
import subprocess
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw

from hall import documents

CST = timezone(timedelta(hours=8))


def tx(kind: str = "rating", payload: dict | None = None, *, tx_id: str | None = None,
       created_at: str | None = None) -> dict:
    """One outbox transaction as the kiosk sends it."""
    return {"id": tx_id or str(uuid.uuid4()), "kind": kind,
            "created_at": created_at or datetime.now(CST).isoformat(timespec="seconds"),
            "payload": {"score": 5} if payload is None else payload}


def gzipped(body: dict) -> bytes:
    return gzip.compress(json.dumps(body).encode())


def batch_url(hall, kiosk_id: str = "K1") -> str:
    return f"{hall.api}/kiosks/{kiosk_id}/transactions:batch"


def send(session, hall, transactions: list[dict], kiosk_id: str = "K1") -> list[dict]:
    r = session.post(batch_url(hall, kiosk_id), json={"transactions": transactions}, timeout=30)
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert len(results) == len(transactions)
    return results


def seed_holder(n: int) -> str:
    """The holder hash of seed citizen ``n`` (1 or 2: the ID simulator's sample cards)
    with the default salt, computed here as a kiosk would (hall-api: salted hash)."""
    id_number = ("440106199101010010", "81000019850601001X")[n - 1]
    return hmac.new(b"replace-with-the-hall-salt", id_number.encode(),
                    hashlib.sha256).hexdigest()


def page_image(pdf: Path) -> np.ndarray:
    """The first page of a PDF the hall rendered, greyscale at the hall's resolution (its
    pixels are the hall's: the page is one image)."""
    out = pdf.with_suffix("")
    done = subprocess.run(["pdftoppm", "-r", str(documents.DPI), "-gray", "-png",
                           "-singlefile", str(pdf), str(out)],
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    return cv2.imread(f"{out}.png", cv2.IMREAD_GRAYSCALE)


def where(page: np.ndarray, text: str, size: int = 30) -> tuple[float, int]:
    """How well the page matches ``text`` drawn as the hall draws it at ``size`` (1.0:
    the same pixels) at its best place, and that place's x. The page is text rendered
    into an image, so this is how a test reads it without OCR."""
    font = documents.font(size)
    _, _, right, bottom = font.getbbox(text)
    ink = Image.new("L", (int(right) + 4, int(bottom) + 4), 255)
    ImageDraw.Draw(ink).text((2, 2), text, font=font, fill=0)
    scores = cv2.matchTemplate(page, np.array(ink), cv2.TM_CCOEFF_NORMED)
    _, best, _, (x, _) = cv2.minMaxLoc(scores)
    return best, x
