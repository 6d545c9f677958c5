"""The OpenAPI document against the written contract: the document the hall serves has the
same paths, methods, parameters and required fields as the committed ``hall/openapi.json``,
and the committed one has every endpoint (with the fields it names) of hall-api.md.

Regenerate the committed file after changing the API: ``python -m hall openapi --output
hall/openapi.json``; then review the diff against hall-api.md."""
import json
import re
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "hall" / "openapi.json"
CONTRACT = ROOT.parent / "shared" / "reference" / "hall-api.md"
PREFIX = "/api/v1"


def resolve(doc: dict, schema: dict | None, depth: int = 0) -> dict:
    while schema and "$ref" in schema and depth < 20:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
        depth += 1
    return schema or {}


def shape(doc: dict, schema: dict | None, depth: int = 0):
    """What must stay equal between two documents: structure, types, required fields."""
    schema = resolve(doc, schema)
    if depth > 8:
        return "..."
    if "anyOf" in schema or "oneOf" in schema:
        return {"anyOf": [shape(doc, s, depth + 1)
                          for s in schema.get("anyOf", schema.get("oneOf"))]}
    out = {"type": schema.get("type"), "enum": schema.get("enum")}
    if "properties" in schema:
        out["required"] = sorted(schema.get("required", []))
        out["properties"] = {k: shape(doc, v, depth + 1)
                             for k, v in schema["properties"].items()}
    if "items" in schema:
        out["items"] = shape(doc, schema["items"], depth + 1)
    return out


def skeleton(doc: dict) -> dict:
    out = {}
    for path, operations in doc["paths"].items():
        for method, op in operations.items():
            body = op.get("requestBody", {})
            out[f"{method.upper()} {path}"] = {
                "parameters": sorted((p["in"], p["name"].lower(), p.get("required", False))
                                     for p in op.get("parameters", [])),
                "body": {media: shape(doc, m.get("schema"))
                         for media, m in body.get("content", {}).items()},
                "body_required": body.get("required", False),
                "responses": {status: {media: shape(doc, m.get("schema"))
                                       for media, m in r.get("content", {}).items()}
                              for status, r in op["responses"].items()},
                "response_headers": {status: sorted(r.get("headers", {}))
                                     for status, r in op["responses"].items()}}
    return out


def committed() -> dict:
    return json.loads(COMMITTED.read_text(encoding="utf-8"))


def test_the_served_document_matches_the_committed_one(hall):
    served = requests.get(f"{hall.api}/openapi.json", timeout=10).json()
    ours, theirs = skeleton(served), skeleton(committed())
    assert sorted(ours) == sorted(theirs)
    for endpoint in ours:
        assert ours[endpoint] == theirs[endpoint], endpoint
    assert served["components"]["securitySchemes"] == committed()["components"]["securitySchemes"]


# hall-api.md ---------------------------------------------------------------------------
ENDPOINT = re.compile(r"`(GET|POST|PUT|PATCH|DELETE) (/[^`]*)`")
HEADER = re.compile(r"ETag|[A-Z][a-z]+(?:-[A-Z][a-z]+)+")
MEDIA_TYPE = re.compile(r"[a-z]+/[a-z0-9.+-]+")
IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")


def contract_items(markdown: str) -> list[str]:
    """Each top-level list item of the markdown, its continuation lines joined, with
    parenthesised asides removed."""
    items, current = [], None
    for line in markdown.splitlines():
        if line.startswith("- "):
            if current is not None:
                items.append(current)
            current = line[2:]
        elif current is not None and line.startswith("  "):
            current += " " + line.strip()
        elif current is not None:
            items.append(current)
            current = None
    if current is not None:
        items.append(current)
    cleaned = []
    for item in items:
        while True:
            shorter = re.sub(r"\([^()]*\)", "", item)
            if shorter == item:
                break
            item = shorter
        cleaned.append(item)
    return cleaned


def brace_fields(text: str) -> list[tuple[str, bool]]:
    """``{a, b?, "c": [{"d"}]}`` -> [(a, False), (b, True), (c, False), (d, False)]:
    the keys of every brace group, with whether they are marked optional."""
    fields = []
    for start in [i for i, ch in enumerate(text) if ch == "{"]:
        depth, parts, part = 0, [], ""
        for ch in text[start + 1:]:
            if ch in "{[":
                depth += 1
            elif ch in "}]":
                if depth == 0:
                    break                   # the end of this group
                depth -= 1
            if ch == "," and depth == 0:
                parts.append(part)
                part = ""
            else:
                part += ch
        parts.append(part)
        for p in parts:
            m = re.match(r'\s*"?([A-Za-z_]\w*)"?(\?)?', p)
            if m and not p.strip().startswith(("{", "[")):
                fields.append((m.group(1), bool(m.group(2))))
    return fields


def contract_endpoints(markdown: str) -> list[dict]:
    endpoints = []
    for item in contract_items(markdown):
        matches = list(ENDPOINT.finditer(item))
        for m, nxt in zip(matches, [*matches[1:], None], strict=True):
            segment = item[m.end():nxt.start() if nxt else len(item)]
            request, _, response = segment.partition("->")
            response = re.split(r"\.(?:\s|$)", response, maxsplit=1)[0]
            path, _, query = m.group(2).partition("?")
            endpoints.append({"method": m.group(1), "path": path,
                              "query": re.findall(r"(\w+)=", query),
                              "request": request, "response": response})
    return endpoints


def backticked(text: str) -> list[str]:
    return re.findall(r"`([^`{]+)`", text)


def properties(doc: dict, schema: dict | None, seen=None) -> tuple[dict, set]:
    """Every property name in ``schema`` (recursively) -> required somewhere; enum values."""
    seen = seen if seen is not None else set()
    props, enums = {}, set()
    if schema and "$ref" in schema:
        if schema["$ref"] in seen:
            return props, enums
        seen.add(schema["$ref"])
    schema = resolve(doc, schema)
    enums.update(str(v) for v in schema.get("enum", []))
    for name in schema.get("properties", {}):
        props[name] = props.get(name, False) or name in schema.get("required", [])
    subs = list(schema.get("properties", {}).values()) + schema.get("anyOf", []) + \
        schema.get("oneOf", []) + schema.get("allOf", [])
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            subs.append(schema[key])
    for sub in subs:
        p, e = properties(doc, sub, seen)
        for name, required in p.items():
            props[name] = props.get(name, False) or required
        enums |= e
    return props, enums


def check_fields(doc: dict, schema: dict | None, text: str, where: str) -> list[str]:
    problems = []
    props, enums = properties(doc, schema)
    named = brace_fields(text)
    if not named or where.startswith("request"):
        named += [(t, False) for t in backticked(text) if IDENTIFIER.fullmatch(t)]
    for name, optional in named:
        if name in props:
            if not optional and not props[name]:
                problems.append(f"{where}: {name} is not required")
        elif name not in enums:
            problems.append(f"{where}: no field {name}")
    return problems


@pytest.mark.skipif(not CONTRACT.exists(), reason="shared/reference/hall-api.md not beside")
def test_the_committed_document_covers_hall_api_md():
    doc = committed()
    endpoints = contract_endpoints(CONTRACT.read_text(encoding="utf-8"))
    assert len(endpoints) >= 14, "the markdown parser found too few endpoints"
    in_contract = {(e["method"], PREFIX + e["path"]) for e in endpoints}
    in_doc = {(m.upper(), p) for p, ops in doc["paths"].items() for m in ops}
    assert in_contract <= in_doc, in_contract - in_doc
    # An endpoint beyond the contract is an addition and says so (as fields do).
    for method, path in sorted(in_doc - in_contract):
        description = doc["paths"][path][method.lower()].get("description", "")
        assert description.startswith("Addition"), f"{method} {path} is not in hall-api.md"
    problems = []
    for e in endpoints:
        where = f"{e['method']} {e['path']}"
        op = doc["paths"][PREFIX + e["path"]][e["method"].lower()]
        params = {(p["in"], p["name"].lower()): p for p in op.get("parameters", [])}
        for name in e["query"]:
            if not params.get(("query", name), {}).get("required"):
                problems.append(f"{where}: no required query parameter {name}")
        for header in [t for t in backticked(e["request"]) if HEADER.fullmatch(t)]:
            if ("header", header.lower()) not in params:
                problems.append(f"{where}: no header parameter {header}")
        body = op.get("requestBody", {}).get("content", {}).get("application/json")
        if brace_fields(e["request"]) or "body" in e["request"]:
            if body is None or not op["requestBody"].get("required"):
                problems.append(f"{where}: no required JSON body")
            else:
                problems += check_fields(doc, body["schema"], e["request"], f"request {where}")
        ok = op["responses"]["200"]
        for token in backticked(e["response"]):
            if HEADER.fullmatch(token) and token not in ok.get("headers", {}):
                problems.append(f"{where}: the 200 response has no header {token}")
            if MEDIA_TYPE.fullmatch(token) and token not in ok.get("content", {}):
                problems.append(f"{where}: the 200 response is not {token}")
        json_ok = ok.get("content", {}).get("application/json")
        if json_ok:
            problems += check_fields(doc, json_ok["schema"], e["response"], f"response {where}")
    assert not problems, "\n".join(problems)


def test_the_field_parser_reads_the_contracts_notation():
    assert brace_fields('{category, kind: "accept"|"consult", appointment_id?}') == \
        [("category", False), ("kind", False), ("appointment_id", True)]
    assert brace_fields('{"results": [{"id", "status": "a" | "b", "error"?}]}') == \
        [("results", False), ("id", False), ("status", False), ("error", True)]
    [e] = contract_endpoints("- Appointments: `GET /appointments?holder=<a b>&date=D`.")
    assert e["path"] == "/appointments" and e["query"] == ["holder", "date"]
    markdown = "- `GET /x` -> `a` (aside `b`),\n  `c`. More `d`.\n\nprose"
    assert contract_items(markdown) == ["`GET /x` -> `a` , `c`. More `d`."]
    [e] = contract_endpoints(markdown)
    assert backticked(e["response"]) == ["a", "c"]
