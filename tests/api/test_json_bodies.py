"""JSON request bodies: parsed once per request, by FastAPI or by the endpoint that reads its
body itself, and that parse is what the unstorable-string guard checks (`app/api/media.py`)."""
from __future__ import annotations

import json

import pytest

from tests.api.test_articles import SHORT, assert_problem
from tests.api.test_bad_input import snapshot
from tests.api.test_batch import dispatcher  # noqa: F401 (a fixture)

ALIAS = "/speakers/{id}/aliases"


@pytest.fixture
def speaker_id(client) -> int:
    assert client.post("/articles", json={"text": SHORT}).status_code == 201
    return client.get("/speakers").json()["items"][0]["id"]


def post(client, path: str, speaker_id: int, body: bytes):  # noqa: ANN201
    return client.post(path.format(id=speaker_id), content=body, headers={"content-type": "application/json"})


@pytest.mark.parametrize(("path", "body"), [
    ("/articles", {"text": SHORT + " ب"}), ("/articles/batch", [{"text": SHORT + " ج"}]), (ALIAS, {"name": "سالم"}),
])
def test_a_json_body_is_parsed_once(client, dispatcher, speaker_id, monkeypatch, path, body):  # noqa: F811
    raw = json.dumps(body)
    parses = []
    decode = json.JSONDecoder.decode
    monkeypatch.setattr(json.JSONDecoder, "decode",
                        lambda self, text, *a, **k: parses.append(text == raw) or decode(self, text, *a, **k))
    response = post(client, path, speaker_id, raw.encode())
    assert response.status_code < 300, response.text
    assert parses.count(True) == 1


# Each as the guard has always named it, on every endpoint taking JSON (the batch's list too).
UNSTORABLE = [
    ("/articles", b'{"text": "\\u0000"}', "body.text contains a NUL character"),
    ("/articles", b'{"te\\u0000xt": "x"}', "body contains a NUL character"),
    ("/articles", b'{"text": "\xed\xa0\x80"}', "body.text is not valid Unicode (an unpaired surrogate)"),
    ("/articles/batch", b'[{"text": "a\\u0000"}]', "body.0.text contains a NUL character"),
    ("/articles/batch", b'[{"text": "\\ud800"}]', "body.0.text is not valid Unicode (an unpaired surrogate)"),
    ("/articles/batch", b'[{"text": "\xed\xa0\x80"}]', "body.0.text is not valid Unicode (an unpaired surrogate)"),
    (ALIAS, b'{"name": "\\u0000"}', "body.name contains a NUL character"),
    (ALIAS, b'{"name": "\\udfff"}', "body.name is not valid Unicode (an unpaired surrogate)"),
]


@pytest.mark.parametrize(("path", "body", "detail"), UNSTORABLE)
def test_unstorable_strings_in_json_bodies_are_named(client, session, speaker_id, path, body, detail):
    before = snapshot(session)
    assert assert_problem(post(client, path, speaker_id, body), 422)["detail"] == detail
    assert snapshot(session) == before


BATCH_NOT_UTF8 = {
    # Articles are JSON in UTF-8 or any encoding JSON's decoder detects; a batch is UTF-8 only,
    # even where another encoding's bytes happen to be UTF-8 (Arabic in UTF-16-LE often is).
    "UTF-16-LE": (json.dumps([{"text": SHORT}], ensure_ascii=False).encode("utf-16-le"), "not valid JSON"),
    "UTF-16 with its mark": (json.dumps([{"text": SHORT}]).encode("utf-16"), "not valid UTF-8"),
    "UTF-32": (json.dumps([{"text": SHORT}]).encode("utf-32"), "not valid UTF-8"),
    "two byte order marks": (b"\xef\xbb\xbf" * 2 + json.dumps([{"text": SHORT}]).encode(), "Unexpected UTF-8 BOM"),
}


@pytest.mark.parametrize(("body", "said"), BATCH_NOT_UTF8.values(), ids=BATCH_NOT_UTF8.keys())
def test_a_batch_is_utf8_json_only(client, session, speaker_id, body, said):
    before = snapshot(session)
    assert said in assert_problem(post(client, "/articles/batch", speaker_id, body), 422)["detail"]
    assert snapshot(session) == before
