"""Application forms: the questions an ``apply`` service asks, and the checks on answers.

A service's catalog entry may carry a ``form``: a list of fields, asked one per screen
in catalog order between identification and the confirm screen. A field is

- ``name``: the answer's key (unique in the form; not one of :data:`RESERVED`);
- ``type``: one of :data:`FIELD_TYPES`:
  ``choice`` (one of ``options``, each ``{code, name, detail?}``; the answer is the code),
  ``phone`` (a mainland mobile number, 11 digits; the answer is the digits),
  ``photo`` (the citizen's face photo; the answer is the JPEG); a photo field carries the
  ``spec`` of the document it is for, ``{width, height, max_bytes}`` (pixels, bytes of
  JPEG): the photo recorded is made to it (:mod:`kiosk.core.card_photo`);
- ``label``: what the answer is called on the confirm screen and the receipt (3 languages);
- ``question`` / ``hint`` (optional): the screen's title (default: the label) and a line
  under it;
- ``when`` (optional): ``{other_field = "option code", ...}``: the field is asked only when
  those earlier answers were given (e.g. the new phone number only when changing it).

Answers of ``phone`` and ``photo`` fields are personal data (:data:`PERSONAL_TYPES`): they
are sealed in the outbox, masked on screen and on paper, and gone at session end.
Everything here is pure: no I/O, no clock.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

FIELD_TYPES = ("choice", "phone", "photo")
PERSONAL_TYPES = frozenset({"phone", "photo"})
# Keys the sealed part of an application already uses for the applicant.
RESERVED = frozenset({"id_number", "name", "holder", "service", "submitted_at"})

# Why an answer was refused (the UI turns each code into a sentence that says what to do).
PROBLEMS = ("phone_empty", "phone_not_digits", "phone_length", "phone_prefix",
            "phone_not_mobile", "choice_unknown", "photo_missing")

PHONE_LENGTH = 11
# Mainland mobile numbers are 11 digits from 13 to 19 (MIIT numbering plan; 10-12 are
# not issued to mobile subscribers).
_MOBILE = re.compile(r"1[3-9]\d{9}")
_SEPARATORS = re.compile(r"[\s\-]")

# How a photo answer reads on the confirm screen and the receipt (the picture is not printed).
_PHOTO_TAKEN = {"zh_CN": "已拍照", "zh_TW": "已拍照", "en": "Photo taken"}


def _pick(names: Mapping[str, str], language: str, default: str = "") -> str:
    return names.get(language) or names.get("zh_CN") or default


@dataclass(frozen=True)
class Option:
    code: str
    name: dict[str, str]
    detail: dict[str, str] = field(default_factory=dict)   # a second line on the button

    def label(self, language: str) -> str:
        return _pick(self.name, language, self.code)

    def detail_label(self, language: str) -> str:
        return _pick(self.detail, language)


@dataclass(frozen=True)
class PhotoSpec:
    """The photo a document needs: ``width`` x ``height`` pixels, JPEG of at most
    ``max_bytes`` bytes (the catalog's ``spec`` of a photo field)."""
    width: int
    height: int
    max_bytes: int

    @classmethod
    def parse(cls, raw: Any, name: str) -> PhotoSpec:
        values = raw if isinstance(raw, Mapping) else {}
        numbers = [values.get(k) for k in ("width", "height", "max_bytes")]
        width, height, max_bytes = (
            v if isinstance(v, int) and not isinstance(v, bool) and v > 0 else None
            for v in numbers)
        if width is None or height is None or max_bytes is None:
            raise ValueError(f"form field {name!r}: a photo needs its document's spec "
                             "{width, height, max_bytes} (positive integers)")
        return cls(width, height, max_bytes)


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    label: dict[str, str]
    question: dict[str, str] = field(default_factory=dict)
    hint: dict[str, str] = field(default_factory=dict)
    options: tuple[Option, ...] = ()
    when: tuple[tuple[str, str], ...] = ()
    spec: PhotoSpec | None = None       # photo fields only

    @property
    def personal(self) -> bool:
        return self.type in PERSONAL_TYPES

    def label_text(self, language: str) -> str:
        return _pick(self.label, language, self.name)

    def question_text(self, language: str) -> str:
        return _pick(self.question, language) or self.label_text(language)

    def hint_text(self, language: str) -> str:
        return _pick(self.hint, language)

    def option(self, code: str) -> Option | None:
        return next((o for o in self.options if o.code == code), None)

    def applies(self, answers: Mapping[str, Any]) -> bool:
        return all(answers.get(other) == code for other, code in self.when)


Form = tuple[Field, ...]


# -- reading the catalog ----------------------------------------------------------------------
def parse(raw: Iterable[Mapping[str, Any]] | None) -> Form:
    """The ``form`` list of a catalog entry as a frozen :data:`Form` (``()`` for none).
    Raises ValueError when it is malformed: a form the terminal cannot ask must not be
    offered half-asked."""
    fields: list[Field] = []
    for item in raw or ():
        name, kind = item.get("name"), item.get("type")
        if not isinstance(name, str) or not name or name in RESERVED:
            raise ValueError(f"form field name {name!r} is missing or reserved")
        if any(f.name == name for f in fields):
            raise ValueError(f"form field {name!r} appears twice")
        if kind not in FIELD_TYPES:
            raise ValueError(f"form field {name!r}: unknown type {kind!r}")
        options = tuple(Option(str(o["code"]), dict(o["name"]), dict(o.get("detail", {})))
                        for o in item.get("options", ()))
        if (kind == "choice") != bool(options):
            raise ValueError(f"form field {name!r}: options are for (and needed by) choices")
        when = tuple((str(k), str(v)) for k, v in dict(item.get("when", {})).items())
        for other, code in when:
            earlier = next((f for f in fields if f.name == other), None)
            if earlier is None or earlier.option(code) is None:
                raise ValueError(f"form field {name!r}: 'when' needs an earlier choice "
                                 f"{other!r} with option {code!r}")
        spec = PhotoSpec.parse(item.get("spec"), name) if kind == "photo" else None
        fields.append(Field(name, kind, dict(item.get("label", {})),
                            dict(item.get("question", {})), dict(item.get("hint", {})),
                            options, when, spec))
    return tuple(fields)


# -- which questions are asked ----------------------------------------------------------------
def steps(form: Form, answers: Mapping[str, Any]) -> Form:
    """The fields asked, given the answers so far."""
    return tuple(f for f in form if f.applies(answers))


def step_count(form: Form, answers: Mapping[str, Any]) -> int:
    """How many questions there are in all, for "第 2 步，共 3 步". A choice not answered yet
    counts as its first option, so the count does not jump when alternatives (the new
    phone number or the new district) depend on it."""
    assumed = dict(answers)
    for f in form:
        if f.type == "choice" and f.name not in assumed and f.applies(assumed):
            assumed[f.name] = f.options[0].code
    return len(steps(form, assumed))


def kept(form: Form, answers: Mapping[str, Any]) -> dict[str, Any]:
    """``answers`` without those of fields that no longer apply (the citizen went back
    and changed the choice they depended on) or that the form does not have."""
    asked = {f.name for f in steps(form, answers)}
    return {k: v for k, v in answers.items() if k in asked}


def complete(form: Form, answers: Mapping[str, Any]) -> bool:
    """Every question asked has a valid answer."""
    return all(f.name in answers and problem(f, answers[f.name]) is None
               for f in steps(form, answers))


# -- checking answers -------------------------------------------------------------------------
def clean(f: Field, value: Any) -> Any:
    """The answer as stored: a phone number without spaces or dashes."""
    if f.type == "phone" and isinstance(value, str):
        return _SEPARATORS.sub("", value)
    return value


def problem(f: Field, value: Any) -> str | None:
    """Why ``value`` cannot be the answer to ``f`` (a code from :data:`PROBLEMS`), or None."""
    if f.type == "choice":
        return None if isinstance(value, str) and f.option(value) else "choice_unknown"
    if f.type == "phone":
        return phone_problem(value if isinstance(value, str) else "")
    if f.type == "photo":
        ok = isinstance(value, (bytes, bytearray)) and value[:2] == b"\xff\xd8"   # JPEG SOI
        return None if ok else "photo_missing"
    raise ValueError(f"unknown field type {f.type!r}")


def phone_problem(number: str) -> str | None:
    """A mainland mobile number: 11 digits, starting with 13 to 19."""
    if not number:
        return "phone_empty"
    if not number.isdigit() or not number.isascii():
        return "phone_not_digits"
    if len(number) != PHONE_LENGTH:
        return "phone_length"
    if not number.startswith("1"):
        return "phone_prefix"
    return None if _MOBILE.fullmatch(number) else "phone_not_mobile"


# -- showing and recording answers ------------------------------------------------------------
def mask_phone(number: str) -> str:
    """13800138000 -> 138****8000: the citizen recognises it, a passer-by cannot use it."""
    if len(number) < 8:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def shown(f: Field, value: Any, language: str) -> str:
    """An answer as the confirm screen and the receipt show it (personal ones masked)."""
    if f.type == "choice":
        option = f.option(value)
        return option.label(language) if option else ""
    if f.type == "phone":
        return mask_phone(value)
    return _pick(_PHOTO_TAKEN, language)


def summary(form: Form, answers: Mapping[str, Any], language: str) -> list[tuple[str, str]]:
    """(label, shown answer) for each question asked and answered, in form order."""
    return [(f.label_text(language), shown(f, answers[f.name], language))
            for f in steps(form, answers) if f.name in answers]


def split(form: Form, answers: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(plain, personal): the answers that may travel in the clear (choice codes) and the
    ones to seal (phone numbers, photos), each keyed by field name."""
    plain: dict[str, Any] = {}
    personal: dict[str, Any] = {}
    for f in steps(form, answers):
        if f.name in answers:
            (personal if f.personal else plain)[f.name] = answers[f.name]
    return plain, personal
