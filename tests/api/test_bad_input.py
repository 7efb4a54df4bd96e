"""Bad input of every kind gets a clear 4xx problem (or, where valid, is processed exactly),
never a 5xx, and never loses or changes what is stored."""
from __future__ import annotations

import base64
import json
from urllib.parse import quote

import pytest
from sqlmodel import Session, select

from app.models import Article, Entity, Quote, Speaker, SpeakerAlias
from app.nlp.arabic import normalize
from tests.api.test_articles import SHORT, assert_problem

OTHER = "وأكد رئيس الوزراء سمير حداد أن \"الحكومة ستعلن خطتها غداً\"."
# Payloads sent in every string parameter: injections, markup, bidi tricks, oversize, oddities.
PAYLOADS = [
    "' OR '1'='1", "1; DROP TABLE article; --", "\" OR 1=1 --", "سالم' UNION SELECT key FROM speaker --",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "${7*7}{{7*7}}",
    "%", "_", "\\", "\u202eسالم", "\u2066\u202eسالم\u2069", "\u200b\u200c\ufeff", "𝕏🙂", "\x00", "a\x00b", "x" * 5000,
]


def snapshot(session: Session) -> dict[str, list[dict]]:
    session.expire_all()
    return {m.__tablename__: [row.model_dump() for row in session.exec(select(m).order_by(m.id))]
            for m in (Article, Quote, Speaker, SpeakerAlias, Entity)}


@pytest.fixture
def stored(client, session) -> dict[str, list[dict]]:
    """Two stored articles; returns what the database held before the bad input."""
    for text in (SHORT, OTHER):
        assert client.post("/articles", json={"text": text, "source": "واس"}).status_code == 201
    return snapshot(session)


def b64(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def listing_of(path: str) -> str:
    """The list a cursor of this path names (pagination.encode_cursor's first value)."""
    return "article" if path == "/articles" else "speaker" if path == "/speakers" else "quote"


def tagged(path: str, raw: str) -> str:
    """A crafted cursor as the list of `path` would issue it: its JSON list, the list named first,
    so the values themselves are what is checked."""
    return b64(f'["{listing_of(path)}", {raw[1:]}' if raw.startswith("[") and raw != "[]" else raw)


BAD_BODIES: list[tuple[str, bytes | object, int]] = [
    ("10 MB of text", {"text": "قال " * 2_600_000}, 413),
    ("text over max_text_chars", {"text": "قال " * 30_000}, 413),
    ("empty text", {"text": ""}, 422),
    ("whitespace and zero-width only", {"text": " \n\t\u200b\u200c\ufeff "}, 422),
    ("bidi controls only", {"text": "\u202e\u2066\u200f \u202c"}, 422),
    ("Arabic letter mark only", {"text": "\u061c\u061c"}, 422),
    ("no Arabic", {"text": "<p>The minister said \"talks resume\".</p>"}, 422),
    ("NUL in text", {"text": SHORT + "\x00"}, 422),
    ("NUL in title", {"text": SHORT, "title": "عنوان\x00"}, 422),
    ("NUL in source", {"text": SHORT, "source": "\x00"}, 422),
    ("NUL in url", {"text": SHORT, "url": "https://example.com/\x00"}, 422),
    ("unpaired surrogate in text", b'{"text": "\\ud800 \xd9\x82\xd8\xa7\xd9\x84"}', 422),
    ("unpaired surrogate in a key", b'{"te\\udfffxt": "\xd9\x82\xd8\xa7\xd9\x84"}', 422),
    ("invalid UTF-8", b'{"text": "\xd9\x82\xff\xfe"}', 422),
    ("overlong UTF-8", b'{"text": "\xc0\xaf"}', 422),
    ("not JSON", b"text=" + SHORT.encode(), 422),
    ("empty body", b"", 422),
    ("JSON array", [{"text": SHORT}], 422),
    ("JSON string", SHORT, 422),
    ("JSON null", None, 422),
    ("deeply nested", b'{"text": ' + b"[" * 50_000 + b"]" * 50_000 + b"}", 422),
    ("text is a number", {"text": 42}, 422),
    ("text is a list", {"text": ["قال"]}, 422),
    ("text is an object", {"text": {"ar": "قال"}}, 422),
    ("title is a number", {"text": SHORT, "title": 5}, 422),
    ("source is a bool", {"text": SHORT, "source": True}, 422),
    ("url is an object", {"text": SHORT, "url": {"href": "x"}}, 422),
    ("published_at is a list", {"text": SHORT, "published_at": []}, 422),
    ("published_at not a date", {"text": SHORT, "published_at": "2020-13-45"}, 422),
    ("published_at overflows UTC", {"text": SHORT + " ب", "published_at": "0001-01-01T00:00:00+14:00"}, 422),
    ("unknown field", {"text": SHORT, "colour": "red"}, 422),
    ("mass assignment", {"text": SHORT + " ج", "id": 1, "content_hash": "0" * 64, "quotes": []}, 422),
    ("title too long", {"text": SHORT, "title": "ع" * 1001}, 422),
    ("source too long", {"text": SHORT, "source": "ع" * 201}, 422),
    ("url too long", {"text": SHORT, "url": "https://example.com/" + "a" * 2000}, 422),
    ("url alone, malformed", {"url": "http://[::1"}, 422),
    ("url alone, script scheme", {"url": "javascript:alert(1)"}, 422),
    ("url alone, file scheme", {"url": "file:///etc/passwd"}, 422),
    ("url with text, script scheme", {"text": SHORT, "url": "javascript:alert(document.domain)"}, 422),
    ("url with text, data scheme", {"text": SHORT, "url": "data:text/html,<script>alert(1)</script>"}, 422),
]


@pytest.mark.parametrize(("body", "status"), [case[1:] for case in BAD_BODIES], ids=[c[0] for c in BAD_BODIES])
def test_bad_bodies_are_refused_clearly(client, session, stored, body, status):
    if isinstance(body, bytes):
        response = client.post("/articles", content=body, headers={"content-type": "application/json"})
    else:
        response = client.post("/articles", json=body)
    assert_problem(response, status)
    assert snapshot(session) == stored


@pytest.mark.parametrize(("path", "fields"), [("/articles", {"text": SHORT}), ("/speakers/{id}/aliases", {"name": "س"}),
                                              ("/speakers/{id}/merge", {"speaker_id": "1"})])
@pytest.mark.parametrize(("sent", "headers"), [
    ("form", {"content-type": "application/x-www-form-urlencoded"}),
    ("JSON without a Content-Type", {}),
    ("JSON as text/plain", {"content-type": "text/plain; charset=utf-8"}),
])
def test_a_body_not_sent_as_json_is_told_to_be(client, session, stored, path, fields, sent, headers):
    """FastAPI alone answers "Input should be a valid dictionary": the problem names JSON and the header."""
    speaker_id = client.get("/speakers").json()["items"][0]["id"]
    body = "&".join(f"{k}={quote(v)}" for k, v in fields.items()) if sent == "form" else json.dumps(fields)
    response = client.post(path.format(id=speaker_id), content=body.encode(), headers=headers)
    detail = assert_problem(response, 422)["detail"]
    assert "JSON" in detail and "Content-Type: application/json" in detail
    assert (headers.get("content-type", "no Content-Type")) in detail
    assert snapshot(session) == stored


def test_an_empty_json_body_is_named(client, session, stored):
    response = client.post("/articles", content=b"", headers={"content-type": "application/json"})
    assert "has no body" in assert_problem(response, 422)["detail"]
    assert snapshot(session) == stored


@pytest.mark.parametrize("field", ["title", "source", "url"])
def test_payloads_in_body_strings_are_stored_verbatim(client, session, stored, field):
    for n, payload in enumerate(p for p in PAYLOADS if "\x00" not in p and len(p) < 200):
        text = f"{SHORT} {payload} رقم {n}"
        value = f"https://example.com/{quote(payload)}" if field == "url" else payload
        response = client.post("/articles", json={"text": text, field: value})
        assert response.status_code == 201, (payload, response.text)
        article = session.get(Article, response.json()["id"])
        assert (article.text, getattr(article, field)) == (text, value)
    after = snapshot(session)
    for table in ("article", "quote", "entity", "speaker_alias"):
        assert after[table][: len(stored[table])] == stored[table], table
    # Speakers stay; only their quote counts grow with the new quotes.
    for before, now in zip(stored["speaker"], after["speaker"], strict=False):
        assert now["quote_count"] >= before["quote_count"]
        assert {**now, "quote_count": 0} == {**before, "quote_count": 0}


@pytest.mark.parametrize("text", [
    "<html><body><p>" + SHORT + "</p><script>alert('x')</script></body></html>",
    "\u202b" + SHORT + "\u202c \u2067" + OTHER + "\u2069",
    SHORT + " '; DROP TABLE quote; -- " + OTHER,
])
def test_odd_but_valid_text_is_processed_exactly(client, session, stored, text):
    response = client.post("/articles", json={"text": text})
    assert response.status_code == 201, response.text
    for q in response.json()["quotes"]:
        assert text[q["start"]:q["end"]] == q["statement"]
    assert session.get(Article, response.json()["id"]).text == text
    assert snapshot(session)["article"][:2] == stored["article"]


def _get_operations(client) -> list[tuple[str, list[dict]]]:
    """Every GET operation of the service's own OpenAPI document with its parameters."""
    spec = client.get("/openapi.json").json()
    return [(path, op.get("parameters", [])) for path, item in spec["paths"].items()
            for method, op in item.items() if method == "get"]


def _fill(path: str, params: list[dict], ids: dict[str, int], target: str | None = None, payload: str = "") -> str:
    """The path with stored ids, or the payload in the targeted parameter."""
    for p in params:
        if p["in"] == "path":
            value = quote(payload, safe="") if p["name"] == target else str(ids.get(p["name"], 1))
            path = path.replace("{" + p["name"] + "}", value)
    return path


def matches_nothing_stored(payload: str) -> bool:
    """A payload with words to match (not only punctuation, which filters nothing) and no Arabic ones."""
    return bool(normalize(payload).strip()) and not any("\u0621" <= ch <= "\u064a" for ch in payload)


def test_payloads_in_every_query_and_path_parameter(client, session, stored):
    operations = _get_operations(client)
    ids = {"article_id": stored["article"][0]["id"], "speaker_id": stored["speaker"][0]["id"]}
    assert {"/articles", "/quotes", "/speakers", "/speakers/{speaker_id}/quotes"} <= {p for p, _ in operations}
    sent = 0
    for path, params in operations:
        for param in params:
            for payload in PAYLOADS:
                if param["in"] == "path":
                    response = client.get(_fill(path, params, ids, param["name"], payload))
                else:
                    response = client.get(_fill(path, params, ids), params={param["name"]: payload})
                sent += 1
                assert response.status_code < 500, (path, param["name"], payload, response.text)
                if response.status_code >= 400:
                    assert_problem(response, response.status_code)
                elif "items" in response.json() and matches_nothing_stored(payload):
                    # Payloads are matched as text, never as SQL or patterns: none is stored.
                    assert response.json()["items"] == [], (path, param["name"], payload)
    assert sent > 100
    assert snapshot(session) == stored


@pytest.mark.parametrize("path", ["/articles", "/quotes", "/speakers", "/speakers/{speaker_id}/quotes"])
def test_absurd_limits_cursors_and_dates(client, session, stored, path):
    path = path.format(speaker_id=stored["speaker"][0]["id"])
    bad = {
        "limit": ["0", "-1", "201", str(10**30), "abc", "1.5", "1e3", "NaN"],
        "cursor": ["!!!", "x" * 201, b64("[]"), b64('{"a": 1}'),
                   *(tagged(path, raw) for raw in ('["2020-01-01T00:00:00+00:00", 2147483648]',
                                                   '["2020-01-01T00:00:00", 1]', '["not a date", 1]', '[1e309, 1]',
                                                   '["2020-01-01T00:00:00+00:00", true]',
                                                   '["2020-01-01T00:00:00+00:00", 1, 2]')),
                   "\u0645\u0631\u062d\u0628\u0627", "%00"],
        "since": ["yesterday", "2020-02-30", "1e20", "0001-01-01T00:00:00+14:00"],
    }
    if path not in ("/articles", "/quotes"):
        del bad["since"]
    for name, values in bad.items():
        for value in values:
            problem = assert_problem(client.get(path, params={name: value}), 422)
            assert name in json.dumps(problem) or value in problem["detail"], (name, value, problem)
    assert snapshot(session) == stored


def test_unknown_query_parameters_are_named(client, session, stored):
    problem = assert_problem(client.get("/quotes", params={"speker": "سالم"}), 422)
    assert problem["parameter"] == "speker" and "speaker" in problem["detail"]
    assert_problem(client.get("/articles", params={"source": "واس", "limit": 1, "offset": 5}), 422)
    assert_problem(client.get("/quotes", params={"a\x00b": "1"}), 422)
    assert snapshot(session) == stored


@pytest.mark.parametrize("path", ["/articles/0", "/articles/-1", "/articles/2147483648", "/articles/1e3",
                                  "/speakers/99999999999999999999999", "/speakers/0x10", "/articles/%20"])
def test_bad_ids_are_422(client, path):
    assert_problem(client.get(path), 422)
