"""Input found by probing the running service (issue 15): each once answered 500 or broke the
read API for everyone; now each is stored bounded or refused with a 4xx problem."""
from __future__ import annotations

import json
import time
from contextlib import nullcontext

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.config import Settings
from app.db import get_session, make_engine
from app.job_runner import work_chunk
from app.main import create_app
from app.models import JobItem
from app.nlp.bounds import ENTITY_MAX_CHARS, MENTION_MAX_CHARS, NAME_MAX_CHARS
from tests.api.test_articles import SHORT, assert_problem
from tests.api.test_bad_input import OTHER, _fill, _get_operations, snapshot, tagged
from tests.api.test_batch import dispatcher  # noqa: F401 (a fixture)

QUOTED = ": “الحرب انتهت”."
OVERLONG_NAMES = {
    "600 tatweels": "وقال محمد" + "ـ" * 600 + QUOTED,
    "a 600-letter word": "وقال محمد" + "ب" * 600 + QUOTED,
    "ligatures NFKC expands": "وقال " + "ﷺ" * 400 + QUOTED,
    "300 words": "وقال " + "محمد " * 300 + QUOTED,
    "zero-width joiners": "وقال محمد" + "\u200d" * 600 + QUOTED,
}


def assert_reads_answer(client, article_id: int) -> None:
    """Every read that serves names, mentions or entities."""
    paths = [f"/articles/{article_id}", "/articles", "/quotes", "/speakers"]
    for speaker in client.get("/speakers", params={"limit": 200}).json()["items"]:
        paths += [f"/speakers/{speaker['id']}", f"/speakers/{speaker['id']}/quotes"]
    for path in paths:
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("text", OVERLONG_NAMES.values(), ids=OVERLONG_NAMES.keys())
def test_an_overlong_name_is_stored_bounded_and_reads_still_answer(client, text):
    response = client.post("/articles", json={"text": text})
    assert response.status_code == 201, response.text
    body = response.json()
    for quote in body["quotes"]:
        assert 0 < len(quote["speaker"]["name"]) <= NAME_MAX_CHARS
        assert len(quote["mention"]) <= MENTION_MAX_CHARS
        assert "ـ" not in quote["speaker"]["name"] and "\u200d" not in quote["speaker"]["name"]
    assert all(len(e["text"]) <= ENTITY_MAX_CHARS for e in body["entities"])
    assert_reads_answer(client, body["id"])


def test_a_name_stretched_by_tatweel_is_the_name(client):
    body = client.post("/articles", json={"text": OVERLONG_NAMES["600 tatweels"]}).json()
    assert [q["speaker"]["name"] for q in body["quotes"]] == ["محمد"]


def test_an_alias_that_normalises_beyond_its_column_is_422(client, session):
    speaker_id = client.post("/articles", json={"text": SHORT}).json()["quotes"][0]["speaker"]["id"]
    before = snapshot(session)
    problem = assert_problem(client.post(f"/speakers/{speaker_id}/aliases", json={"name": "ﷺ" * 500}), 422)
    assert "normalised" in str(problem)
    assert snapshot(session) == before


def test_a_fetched_page_with_an_overlong_title_is_stored_with_its_title_cut(client, http_transport):
    title = "عنوان " * 400
    html = (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            + "<p>وقال وزير الخارجية الروسي سيرغي لافروف إن \"الحوار هو الطريق الوحيد\". " * 5
            + "</p></article></body></html>")
    http_transport.handler = lambda request: httpx.Response(200, html=html)
    response = client.post("/articles", json={"url": "http://93.184.216.34/news/long-title"})
    assert response.status_code == 201, response.text
    assert 0 < len(response.json()["title"]) <= 1000
    assert_reads_answer(client, response.json()["id"])


DEEP_BODIES = {
    "1000-deep list": b"[" * 1000 + b"]" * 1000,
    "5000-deep object": b'{"a":' * 5000 + b"1" + b"}" * 5000,
    "deep inside an article": b'[{"text": ' + b"[" * 3000 + b"]" * 3000 + b"}]",
}


@pytest.mark.parametrize("content_type", ["application/json", "application/x-ndjson"])
@pytest.mark.parametrize("body", DEEP_BODIES.values(), ids=DEEP_BODIES.keys())
@pytest.mark.parametrize("path", ["/articles/batch", "/articles"])
def test_deeply_nested_json_is_422(client, session, path, body, content_type):
    before = snapshot(session)
    assert_problem(client.post(path, content=body, headers={"content-type": content_type}), 422)
    assert snapshot(session) == before


OUT_OF_RANGE_CURSORS = ['["0001-01-01T00:00:00+14:00",1]', '["9999-12-31T23:59:59-14:00",1]']


@pytest.mark.parametrize("cursor", OUT_OF_RANGE_CURSORS)
def test_a_cursor_with_a_date_out_of_range_is_422(client, cursor):
    speaker_id = client.post("/articles", json={"text": SHORT}).json()["quotes"][0]["speaker"]["id"]
    for path in ("/quotes", "/articles", f"/speakers/{speaker_id}/quotes"):
        problem = assert_problem(client.get(path, params={"cursor": tagged(path, cursor)}), 422)
        assert problem["parameter"] == "cursor"


def drain_at_most(session, pipeline, settings, rounds: int = 12) -> None:  # noqa: ANN001
    """Run the jobs in this thread; a queue that never drains fails the test instead of hanging it."""
    for _ in range(rounds):
        if not work_chunk(sessions=lambda: nullcontext(session), pipeline=pipeline, settings=settings, job_id=None):
            return
    pytest.fail(f"the queue still had work after {rounds} chunks")


def test_a_json_lines_record_holding_a_nul_fails_alone(client, session, pipeline, settings, dispatcher):
    lines = [json.dumps({"text": SHORT}), json.dumps({"text": OTHER, "url": "http://x/\x00"}),
             json.dumps({"text": SHORT + " ثانية"})]
    response = client.post("/articles/batch", content="\n".join(lines),
                           headers={"content-type": "application/x-ndjson"})
    assert response.status_code == 202, response.text
    job = response.json()
    assert [(e["index"], "NUL" in e["error"]) for e in job["errors"]] == [(1, True)]
    drain_at_most(session, pipeline, settings)
    done = client.get(f"/jobs/{job['id']}").json()
    assert (done["done"], done["failed"], done["finished"]) == (2, 1, True)


@pytest.mark.parametrize("draft", ['{"text": 5}', json.dumps({"text": OTHER, "url": "http://x/\x00"})],
                         ids=["unreadable", "NUL queued before the check"])
def test_an_item_that_fails_while_claimed_spends_its_own_attempts(client, session, pipeline, settings, dispatcher,
                                                                  draft):
    job = client.post("/articles/batch", json=[{"text": SHORT}, {"text": SHORT + " ثانية"}]).json()
    bad = session.exec(select(JobItem).where(JobItem.job_id == job["id"], JobItem.position == 1)).one()
    bad.draft = draft
    session.add(bad)
    session.commit()
    drain_at_most(session, pipeline, settings)
    done = client.get(f"/jobs/{job['id']}").json()
    assert (done["done"], done["failed"], done["finished"]) == (1, 1, True)
    assert done["errors"][0]["attempts"] == settings.job_max_attempts


def test_head_answers_every_get_operation_without_a_body(client):
    created = client.post("/articles", json={"text": SHORT}).json()
    ids = {"article_id": created["id"], "speaker_id": created["quotes"][0]["speaker"]["id"]}
    for path, params in _get_operations(client):
        url = _fill(path, params, ids)
        got, head = client.get(url), client.head(url)
        assert head.status_code == got.status_code, (url, head.status_code)
        assert head.content == b"" and head.headers["content-type"] == got.headers["content-type"]
    assert "HEAD" in client.delete("/quotes").headers["allow"]


def test_a_batch_in_another_media_type_is_415(client, session):
    before = snapshot(session)
    for media_type in ("text/plain", "application/x-www-form-urlencoded", "application/xml"):
        response = client.post("/articles/batch", content=json.dumps([{"text": SHORT}]),
                               headers={"content-type": media_type})
        assert media_type in assert_problem(response, 415)["detail"]
    assert snapshot(session) == before


@pytest.mark.parametrize("content_type", ["application/json", "application/x-ndjson"])
def test_a_batch_may_start_with_a_byte_order_mark_as_an_article_may(client, dispatcher, content_type):
    body = json.dumps([{"text": SHORT}] if content_type == "application/json" else {"text": SHORT}).encode()
    assert client.post("/articles", content=b"\xef\xbb\xbf" + json.dumps({"text": SHORT}).encode(),
                       headers={"content-type": "application/json"}).status_code == 201
    response = client.post("/articles/batch", content=b"\xef\xbb\xbf" + body, headers={"content-type": content_type})
    assert response.status_code == 202, response.text
    assert response.json()["failed"] == 0


@pytest.mark.parametrize("q", ["!!!", "؟،.", "\u200b\u200c", "\u200f\ufeff", " - "])
def test_a_search_without_words_finds_nothing_not_the_whole_feed(client, q):
    client.post("/articles", json={"text": SHORT})
    assert client.get("/quotes").json()["items"]
    response = client.get("/quotes", params={"q": q})
    assert response.status_code == 200 and response.json()["items"] == []


@pytest.mark.parametrize("typed", ["علی کریم", "عل\u200dي كريم", "علي كر\u200cيم", "\u200fعلي كريم"])
def test_zero_width_characters_and_persian_letters_in_a_name_still_find_the_speaker(client, typed):
    text = "وقال وزير الخارجية علي كريم إن \"المفاوضات ستستأنف الأسبوع المقبل\"."
    speaker = client.post("/articles", json={"text": text}).json()["quotes"][0]["speaker"]
    assert speaker["name"] == "علي كريم"
    assert [s["id"] for s in client.get("/speakers", params={"q": typed}).json()["items"]][:1] == [speaker["id"]]
    assert {q["speaker"]["id"] for q in client.get("/quotes", params={"speaker": typed}).json()["items"]} == \
        {speaker["id"]}


PAGE = ("<html><head><title>لافروف يتحدث</title></head><body><article><h1>لافروف يتحدث</h1>"
        + "<p>وقال وزير الخارجية الروسي سيرغي لافروف إن \"الحوار هو الطريق الوحيد\". " * 5
        + "</p></article></body></html>")


class Drip(httpx.SyncByteStream):
    """A server sending a byte every 0.2 s: no single read ever times out."""

    def __iter__(self):  # noqa: ANN204
        for _ in range(25):
            time.sleep(0.2)
            yield b" "
        yield PAGE.encode()


def test_a_page_dripping_bytes_is_cut_at_the_fetch_deadline(client, settings, http_transport):
    settings.fetch_timeout_seconds = 1.0
    http_transport.handler = lambda request: httpx.Response(200, headers={"content-type": "text/html"}, stream=Drip())
    started = time.monotonic()
    problem = assert_problem(client.post("/articles", json={"url": "http://93.184.216.34/drip"}), 422)
    assert "in time" in problem["detail"]
    assert time.monotonic() - started < 3.0


def test_no_database_connection_is_held_while_fetching(database_url, pipeline, http_transport):
    engine = make_engine(database_url)
    held: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        held.append(engine.pool.checkedout())
        return httpx.Response(200, html=PAGE)

    http_transport.handler = handler
    app = create_app(settings=Settings(database_url=database_url), pipeline=pipeline,
                     http_client=httpx.Client(transport=http_transport))

    def sessions():  # noqa: ANN202
        with Session(engine) as session:
            yield session

    app.dependency_overrides[get_session] = sessions
    with TestClient(app) as client:
        assert client.post("/articles", json={"url": "http://93.184.216.34/news/9"}).status_code == 201
    engine.dispose()
    assert held == [0]
