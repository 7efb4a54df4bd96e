"""POST /articles/batch and GET /jobs/{id}: validation per article, the job's progress, the
runner that stores each article once, and a poison article that fails while the rest go on."""
from __future__ import annotations

import json
from contextlib import nullcontext

import pytest
from sqlmodel import Session, func, select

from app.api.jobs import get_dispatcher
from app.job_runner import work_chunk
from app.models import Article, JobItem, Quote
from app.nlp.pipeline import Pipeline, analyze_tagged
from tests.api.test_articles import SHORT, assert_problem

OTHER = "وأكد المتحدث باسم الحكومة أن \"الانتخابات ستجري في موعدها\"."
POISON = "هذا المقال يوقف المحلل"


class Recorder:
    """Stands in for the worker: records what was dispatched; the test runs the jobs itself."""

    def __init__(self) -> None:
        self.dispatched: list[tuple[int, int]] = []

    def dispatch(self, job_id: int, articles: int) -> None:
        self.dispatched.append((job_id, articles))

    def close(self) -> None:
        pass


class PoisonedPipeline(Pipeline):
    """The real pipeline, except that it raises on any article holding POISON."""

    def entities_many(self, texts, **options):  # noqa: ANN001, ANN003, ANN201
        if any(POISON in text for text in texts):
            raise ValueError("the analyser cannot read this article")
        return super().entities_many(texts, **options)


@pytest.fixture
def dispatcher(client) -> Recorder:
    recorder = Recorder()
    client.app.dependency_overrides[get_dispatcher] = lambda: recorder
    return recorder


def run_jobs(session: Session, pipeline: Pipeline, settings) -> None:  # noqa: ANN001
    """Chunk after chunk, in this thread: the test's one session cannot be shared with a second."""
    while work_chunk(sessions=lambda: nullcontext(session), pipeline=pipeline, settings=settings, job_id=None):
        pass


def article_count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(Article)).one()


def test_batch_is_accepted_then_stored_once_per_article(client, session, pipeline, settings, dispatcher,
                                                        example_article):
    body = [
        {"text": example_article["text"], "url": "https://example.com/example", "source": "مثال"},
        {"text": SHORT, "title": "مفاوضات"},
        {"title": "بلا نص"},
        {"text": OTHER},
        {"text": SHORT},  # the same text again: stored once
    ]
    before = article_count(session)
    r = client.post("/articles/batch", json=body)
    assert r.status_code == 202, r.text
    job = r.json()
    assert r.headers["location"] == f"/jobs/{job['id']}"
    assert (job["total"], job["pending"], job["failed"], job["done"], job["finished"]) == (5, 4, 1, 0, False)
    assert [e["index"] for e in job["errors"]] == [2] and "text" in job["errors"][0]["error"]
    assert dispatcher.dispatched == [(job["id"], 4)]
    assert article_count(session) == before, "the request itself analyses nothing"

    run_jobs(session, pipeline, settings)
    done = client.get(f"/jobs/{job['id']}").json()
    assert (done["done"], done["failed"], done["pending"], done["running"], done["finished"]) == (4, 1, 0, 0, True)
    assert article_count(session) == before + 3
    items = session.exec(select(JobItem).where(JobItem.job_id == job["id"]).order_by(JobItem.position)).all()
    assert items[1].article_id == items[4].article_id
    assert all(item.draft is None for item in items if item.status == "done")
    example = session.get(Article, items[0].article_id)
    stored_quotes = session.exec(select(func.count()).select_from(Quote).where(Quote.article_id == example.id)).one()
    assert stored_quotes == len(pipeline.analyze(example_article["text"]).quotes) > 0
    assert (example.url, example.source) == ("https://example.com/example", "مثال")


def test_jsonl_body_reports_a_bad_line_by_its_index(client, session, pipeline, settings, dispatcher):
    lines = [json.dumps({"text": SHORT}, ensure_ascii=False), "{not json", json.dumps({"text": OTHER}, ensure_ascii=False),
             json.dumps({"text": "only latin letters"})]
    r = client.post("/articles/batch", content="\n".join(lines).encode(), headers={"content-type": "application/x-ndjson"})
    assert r.status_code == 202, r.text
    errors = {e["index"]: e["error"] for e in r.json()["errors"]}
    assert errors == {1: "line 2 is not valid JSON", 3: "text contains no Arabic"}
    run_jobs(session, pipeline, settings)
    assert client.get(r.headers["location"]).json()["done"] == 2


def test_poison_article_fails_with_its_error_and_the_rest_go_on(client, session, pipeline, settings, dispatcher):
    poisoned = PoisonedPipeline(pipeline.tagger)
    r = client.post("/articles/batch", json=[{"text": SHORT}, {"text": f"{POISON}: \"نص\""}, {"text": OTHER}])
    before = article_count(session)
    run_jobs(session, poisoned, settings)
    job = client.get(r.headers["location"]).json()
    assert (job["done"], job["failed"], job["finished"]) == (2, 1, True)
    assert job["errors"] == [{"index": 1, "error": "ValueError: the analyser cannot read this article",
                              "attempts": settings.job_max_attempts}]
    assert article_count(session) == before + 2


def test_article_whose_attribution_fails_fails_alone(client, session, pipeline, settings, dispatcher, monkeypatch):
    """Attribution runs apart from tagging (beside the next chunk's NER): its failure is the article's too."""
    import app.job_runner as runner

    def attribute(text, entities):  # noqa: ANN001, ANN202
        if POISON in text:
            raise ValueError("attribution cannot read this article")
        return analyze_tagged(text, entities)

    monkeypatch.setattr(runner, "analyze_tagged", attribute)
    r = client.post("/articles/batch", json=[{"text": SHORT}, {"text": f"{POISON}: \"نص\""}, {"text": OTHER}])
    before = article_count(session)
    run_jobs(session, pipeline, settings)
    job = client.get(r.headers["location"]).json()
    assert (job["done"], job["failed"], job["finished"]) == (2, 1, True)
    assert job["errors"][0]["error"] == "ValueError: attribution cannot read this article"
    assert article_count(session) == before + 2


def test_articles_already_stored_need_no_analysis(client, session, settings, dispatcher):
    stored = client.post("/articles", json={"text": SHORT}).json()
    r = client.post("/articles/batch", json=[{"text": SHORT}, {"text": SHORT, "url": "https://example.com/x"}])
    run_jobs(session, PoisonedPipeline(tagger=None), settings)  # a pipeline call would fail: none is made
    job = client.get(r.headers["location"]).json()
    assert (job["done"], job["failed"]) == (2, 0)
    items = session.exec(select(JobItem).where(JobItem.job_id == job["id"])).all()
    assert {item.article_id for item in items} == {stored["id"]}


@pytest.mark.parametrize(("body", "content_type", "status", "detail"), [
    (b"[{\"text\": ", "application/json", 422, "not valid JSON"),
    (b"{\"text\": \"\xd9\x86\xd8\xb5\"}", "application/json", 422, "JSON list"),
    (b"[]", "application/json", 422, "no article"),
    (b"\n\n", "application/x-ndjson", 422, "no article"),
    (b"[\"\xff\"]", "application/json", 422, "UTF-8"),
    (b"[{\"text\": \"latin\"}, 7]", "application/json", 422, "no article in the batch is usable"),
])
def test_unusable_bodies_are_422_and_store_nothing(client, session, dispatcher, body, content_type, status, detail):
    jobs_before = session.exec(select(func.count()).select_from(JobItem)).one()
    problem = assert_problem(client.post("/articles/batch", content=body, headers={"content-type": content_type}),
                             status)
    assert detail in problem["detail"]
    assert session.exec(select(func.count()).select_from(JobItem)).one() == jobs_before
    assert dispatcher.dispatched == []


def test_every_unusable_article_is_named(client, dispatcher):
    problem = assert_problem(client.post("/articles/batch", json=[{"text": "latin"}, 7]), 422)
    assert [e["index"] for e in problem["errors"]] == [0, 1]
    assert problem["errors"][1]["error"].startswith("Input should be a valid dictionary")


def test_too_many_articles_is_413(client, settings, dispatcher):
    settings.max_batch_articles = 2
    assert_problem(client.post("/articles/batch", json=[{"text": SHORT}] * 3), 413)


def test_unknown_job(client):
    assert_problem(client.get("/jobs/999999"), 404)
    assert_problem(client.get("/jobs/abc"), 422)
