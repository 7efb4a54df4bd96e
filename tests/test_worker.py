"""Workers on committed data: leases and attempts, the embedded worker thread, and Dramatiq
worker processes on PostgreSQL + Redis, one of them killed mid-batch."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import redis
from sqlmodel import Session, func, select

from app.config import Settings
from app.db import make_engine
from app.job_runner import EmbeddedWorker, QueueDispatcher
from app.models import Article, ArticleCreate, Entity, JobItem, JobPublic, Quote
from app.services import jobs
from tests.conftest import POSTGRES_URL, REPO, _postgres_engine, example_variants, migrate

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def db(database_url: str):  # noqa: ANN201
    """An engine on a fresh database the workers commit to."""
    eng = make_engine(database_url)
    yield eng
    eng.dispose()


@pytest.fixture(scope="module")
def news(example_article: dict) -> list[ArticleCreate]:
    rows = example_variants(example_article, 10)
    return [ArticleCreate(text=row["text"], title=row["title"], url=row["url"]) for row in rows]


def new_job(db, drafts: list[ArticleCreate]) -> int:  # noqa: ANN001
    with Session(db) as session:
        job_id = jobs.create_job(session=session, entries=drafts).id
        session.commit()
    return job_id


def job_state(db, job_id: int) -> JobPublic:  # noqa: ANN001
    with Session(db) as session:
        return jobs.job_public(session=session, job_id=job_id)


def wait_for(condition: Callable[[], bool], *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {seconds:.0f} s waiting for {what}")
        time.sleep(0.2)


def test_near_the_end_of_a_job_each_claim_takes_half_of_what_is_left(db, news):
    job_id = new_job(db, news[:10])
    sizes = []
    with Session(db) as session:
        while claimed := jobs.claim(session=session, job_id=job_id, limit=8, lease_seconds=60, max_attempts=2,
                                    half_from=2):
            sizes.append(len(claimed))
        session.commit()
    assert sizes == [5, 3, 2]  # 10 left: 5 (not 8); 5 left: 3; 2 left: 2 (never under half_from)


def test_a_dead_workers_lease_runs_out_and_its_attempts_are_counted(db, news):
    job_id = new_job(db, news[:3])
    with Session(db) as first, Session(db) as second:
        held = [i.id for i in jobs.claim(session=first, job_id=job_id, limit=2, lease_seconds=0.1, max_attempts=2)]
        if db.dialect.name == "sqlite":  # one writer at a time: the second would wait for the first
            first.commit()
        other = [i.id for i in jobs.claim(session=second, job_id=job_id, limit=5, lease_seconds=60, max_attempts=2)]
        first.commit()
        second.commit()
    assert len(held) == 2 and len(other) == 1 and set(held).isdisjoint(other)
    time.sleep(0.2)  # the first worker "died": its lease runs out
    with Session(db) as session:
        again = [(i.id, i.attempts) for i in jobs.claim(session=session, job_id=job_id, limit=5, lease_seconds=0.1,
                                                        max_attempts=2)]
        session.commit()
    assert again == [(item_id, 2) for item_id in held]
    time.sleep(0.2)  # and died again: no attempt left
    with Session(db) as session:
        assert jobs.claim(session=session, job_id=job_id, limit=5, lease_seconds=60, max_attempts=2) == []
        session.commit()
    state = job_state(db, job_id)
    assert (state.failed, state.running, state.finished) == (len(held), 3 - len(held), False)
    assert {e.error for e in state.errors} == {"the worker stopped while processing this article, 2 times"}


def test_embedded_worker_thread_runs_jobs(db, pipeline, news):
    settings = Settings(ingest_chunk_size=2)
    worker = EmbeddedWorker(sessions=lambda: Session(db), pipeline=pipeline, settings=settings)
    try:
        job_id = new_job(db, news[:3] + [news[0]])
        worker.dispatch(job_id, 4)
        wait_for(lambda: job_state(db, job_id).finished, seconds=120, what="the embedded worker")
    finally:
        worker.close()
    state = job_state(db, job_id)
    assert (state.done, state.failed) == (4, 0)
    with Session(db) as session:
        assert session.exec(select(func.count()).select_from(Article)).one() == 3


def _redis_or_skip() -> redis.Redis:
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        if os.environ.get("REQUIRE_REDIS") == "1":
            raise
        pytest.skip(f"Redis not reachable at {REDIS_URL}")
    return client


def _start_worker(database_url: str, log: Path) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": database_url, "BROKER_URL": REDIS_URL, "INGEST_CHUNK_SIZE": "2",
           "JOB_LEASE_SECONDS": "10", "OMP_NUM_THREADS": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "dramatiq", "app.worker", "--processes", "1", "--threads", "1"],
        cwd=REPO, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True,
    )


KILL_BATCH = 60


def _kill(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)


@pytest.fixture
def postgres_url() -> str:
    """A fresh migrated PostgreSQL database: queue workers on several machines share one."""
    url = POSTGRES_URL + "_workers"
    eng = _postgres_engine(url)
    migrate(eng)
    eng.dispose()
    return url


@pytest.mark.slow
def test_killed_worker_process_loses_and_duplicates_nothing(postgres_url, pipeline, example_article, tmp_path):
    """SIGKILL a worker process while it holds articles; a new one finishes the batch, each
    article stored once, complete. The batch is long enough (KILL_BATCH articles) that the
    worker is seen mid-batch: ten short articles could all be stored between two looks."""
    news = [ArticleCreate(text=row["text"], title=row["title"], url=row["url"])
            for row in example_variants(example_article, KILL_BATCH)]
    _redis_or_skip().flushdb()
    db = make_engine(postgres_url)
    job_id = new_job(db, news)
    QueueDispatcher(broker_url=REDIS_URL, chunk_size=2).dispatch(job_id, len(news))
    log = tmp_path / "workers.log"
    first = _start_worker(postgres_url, log)
    try:
        def mid_batch() -> bool:
            state = job_state(db, job_id)
            return state.done >= 2 and state.running >= 1

        wait_for(mid_batch, seconds=180, what=f"the first worker to be mid-batch; log: {log}")
        _kill(first)
        assert not job_state(db, job_id).finished
        second = _start_worker(postgres_url, log)
        try:
            wait_for(lambda: job_state(db, job_id).finished, seconds=180, what=f"the second worker; log: {log}")
        finally:
            _kill(second)
    finally:
        _kill(first)

    state = job_state(db, job_id)
    assert (state.done, state.failed) == (len(news), 0), state.errors
    with Session(db) as session:
        items = session.exec(select(JobItem).where(JobItem.job_id == job_id)).all()
        assert max(item.attempts for item in items) >= 2, "the killed worker's article was retried"
        articles = session.exec(select(Article)).all()
        assert sorted(a.url for a in articles) == sorted(d.url for d in news)
        assert {item.article_id for item in items} == {a.id for a in articles}
        for article in articles:  # every article complete: all its entities and quotes, once
            expected = pipeline.analyze(article.text)
            for model, rows in ((Entity, expected.entities), (Quote, expected.quotes)):
                stored = session.exec(select(func.count()).select_from(model).where(model.article_id == article.id))
                assert stored.one() == len(rows), (article.url, model.__name__)
    db.dispose()
