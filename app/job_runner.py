"""Running batch jobs: claim a chunk of articles, tag them together (NER batches sentences
across articles), then attribute and store each in its own transaction together with its
item's status. Attribution and storing run beside the tagging of the next chunk.

A worker that dies mid-article leaves nothing half-stored: the article's rows and its `done`
commit together, and the lease on the unfinished items runs out so another worker retries
them. Where the work runs: `EmbeddedWorker` (a thread in the API process, no broker needed)
or, with `BROKER_URL`, Dramatiq workers (`app/worker.py`) that `QueueDispatcher` feeds.
"""
from __future__ import annotations

import logging
import math
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from multiprocessing import get_context
from typing import Protocol

from dramatiq.brokers.redis import RedisBroker
from dramatiq.message import Message
from sqlmodel import Session

from app import processes
from app.config import Settings
from app.db import make_engine
from app.models import ArticleCreate, utcnow
from app.nlp.pipeline import Pipeline, Progress, analyze_tagged
from app.nlp.types import Analysis, Entity
from app.services import jobs
from app.services.ingest import find_existing, store_analysis

log = logging.getLogger(__name__)

QUEUE = "ingest"
ACTOR = "ingest_job"
# How long the embedded worker waits before trying again after the database failed it.
RETRY_SECONDS = 5.0
# How often a store process checks that the worker that started it still runs.
PARENT_CHECK_SECONDS = 0.5

Sessions = Callable[[], AbstractContextManager[Session]]


@dataclass(frozen=True)
class Chunk:
    """Claimed articles that still need storing, with the entities the model found in each
    (or why it could not tag it)."""

    claimed: int
    todo: list[tuple[int, ArticleCreate]]
    entities: list[tuple[Entity, ...] | Exception]


def claim_and_tag(*, sessions: Sessions, pipeline: Pipeline, settings: Settings, job_id: int | None,
                  on_tagging: Progress | None = None) -> Chunk:
    """Claim a chunk and tag its entities; an article already stored is settled without analysis.

    The claim commits first, so it counts as an attempt on each item whatever follows; an item
    whose draft cannot be read or looked up is given back with its error, alone."""
    with sessions() as session:
        items = jobs.claim(session=session, job_id=job_id, limit=settings.ingest_chunk_size,
                           lease_seconds=settings.job_lease_seconds, max_attempts=settings.job_max_attempts,
                           half_from=max(1, settings.ingest_chunk_size // 4), holder=processes.this_process())
        claimed = [(item.id, item.draft) for item in items]
        session.commit()
        todo: list[tuple[int, ArticleCreate]] = []
        for item_id, draft in claimed:
            try:
                article = jobs.draft_of(draft)
                known = find_existing(session=session, url=article.url, text=article.text)
                if known is None:
                    todo.append((item_id, article))
                else:
                    jobs.settle_done(session=session, item_id=item_id, article_id=known.id)
                    session.commit()
            except Exception as exc:  # noqa: BLE001
                session.rollback()
                log.warning("job item %d could not be read", item_id, exc_info=True)
                jobs.give_back(session=session, item_id=item_id, error=f"{type(exc).__name__}: {exc}",
                               max_attempts=settings.job_max_attempts)
                session.commit()
    return Chunk(len(items), todo, _tag(pipeline, [draft.text for _, draft in todo], progress=on_tagging))


def store(chunk: Chunk, *, sessions: Sessions, settings: Settings,
          on_settled: Callable[[], None] = lambda: None) -> None:
    """Attribute the quotes of each tagged article and store it; `on_settled` after each one."""
    for (item_id, draft), entities in zip(chunk.todo, chunk.entities, strict=True):
        result = entities if isinstance(entities, Exception) else _attribute(draft.text, entities)
        _settle(sessions=sessions, settings=settings, item_id=item_id, draft=draft, result=result)
        on_settled()


def work_chunk(*, sessions: Sessions, pipeline: Pipeline, settings: Settings, job_id: int | None) -> int:
    """Claim, tag, attribute and store one chunk; returns how many items were claimed (0: none left)."""
    chunk = claim_and_tag(sessions=sessions, pipeline=pipeline, settings=settings, job_id=job_id)
    store(chunk, sessions=sessions, settings=settings)
    return chunk.claimed


def drain(*, sessions: Sessions, pipeline: Pipeline, settings: Settings, job_id: int | None,
          keep_going: Callable[[], bool] = lambda: True, on_settled: Callable[[], None] = lambda: None,
          on_tagging: Progress | None = None, store_process: StoreProcess | None = None) -> bool:
    """Work chunk after chunk; True once nothing is left to claim, False if stopped first.

    A chunk is attributed and stored while the next one is tagged: in a second thread, or
    in `store_process` where the worker has one (then the model's process does nothing else).
    `sessions` must give a new session per call. For a progress bar, `on_settled` is called
    after each article stored by the thread (after each chunk with a store process), and
    `on_tagging` is told the sentences of the chunk being tagged.
    """
    finished = False
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="store") as thread:
        storing: Future | None = None
        while keep_going():
            chunk = claim_and_tag(sessions=sessions, pipeline=pipeline, settings=settings, job_id=job_id,
                                  on_tagging=on_tagging)
            if storing is not None:
                storing.result()
                storing = None
                if store_process is not None:
                    on_settled()
            if not chunk.claimed:
                finished = True
                break
            if store_process is not None:
                storing = store_process.submit(chunk)
            else:
                storing = thread.submit(store, chunk, sessions=sessions, settings=settings, on_settled=on_settled)
        if storing is not None:
            storing.result()
            if store_process is not None:
                on_settled()
    return finished


class StoreProcess:
    """Attributes and stores chunks in a child process with its own database connection.

    A thread in the worker would run in the worker's interpreter, taking turns with NER's
    Python (Stanza's batching and tokenization) on one lock; a process runs on the other core.
    A chunk is stored as by a thread: one transaction per article, with its item. If the child
    dies, the chunk's leases run out and its articles are retried; the next chunk starts a new
    child."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"),
                                   initializer=_open_store_engine, initargs=(self.settings,))

    def submit(self, chunk: Chunk) -> Future:
        try:
            return self._pool.submit(_store_in_child, chunk)
        except BrokenProcessPool:
            self._pool = self._start()
            return self._pool.submit(_store_in_child, chunk)

    def close(self) -> None:
        self._pool.shutdown()


_child: tuple[Sessions, Settings] | None = None


def _open_store_engine(settings: Settings) -> None:
    global _child
    _exit_with_parent()
    engine = make_engine(settings.database_url)
    _child = (lambda: Session(engine), settings)


def _exit_with_parent() -> None:
    """A store process ends with the worker that started it (a SIGKILL gives that worker no
    chance to stop it): orphaned, it would go on storing a chunk whose leases run out, holding
    a database connection. An abandoned transaction rolls back; the chunk is claimed again."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _store_in_child(chunk: Chunk) -> None:
    assert _child is not None, "the store process opens its engine first"
    sessions, settings = _child
    store(chunk, sessions=sessions, settings=settings)


def take_over_from_the_dead(*, sessions: Sessions) -> list[int]:
    """At a worker's start: end the leases that dead processes of this machine held (a killed
    API or worker), so their articles are claimed now; returns the unfinished jobs."""
    with sessions() as session:
        ended = jobs.end_leases_of_dead(session=session, known_dead=processes.known_dead)
        session.commit()
        if ended:
            log.info("%d articles held by dead processes are claimable again", ended)
        return jobs.unfinished_job_ids(session=session)


def seconds_until_lease_expiry(*, sessions: Sessions, job_id: int | None) -> float | None:
    """None when no item is running; else when its lease could have run out (its worker dead)."""
    with sessions() as session:
        expiry: datetime | None = jobs.next_lease_expiry(session=session, job_id=job_id)
    return None if expiry is None else max((expiry - utcnow()).total_seconds(), 0.0) + 1.0


def _tag(pipeline: Pipeline, texts: Sequence[str], *, progress: Progress | None = None,
         ) -> list[tuple[Entity, ...] | Exception]:
    """All together for throughput; one by one if that fails, to find the article at fault."""
    if not texts:
        return []
    try:
        return list(pipeline.entities_many(texts, progress=progress))
    except Exception:  # noqa: BLE001
        log.warning("tagging %d articles together failed; tagging them one by one", len(texts), exc_info=True)
        return [_tag_one(pipeline, text) for text in texts]


def _tag_one(pipeline: Pipeline, text: str) -> tuple[Entity, ...] | Exception:
    try:
        return pipeline.entities_many([text])[0]
    except Exception as exc:  # noqa: BLE001
        return exc


def _attribute(text: str, entities: tuple[Entity, ...]) -> Analysis | Exception:
    try:
        return analyze_tagged(text, entities)
    except Exception as exc:  # noqa: BLE001
        log.warning("attributing quotes failed", exc_info=True)
        return exc


def _settle(*, sessions: Sessions, settings: Settings, item_id: int, draft: ArticleCreate,
            result: Analysis | Exception) -> None:
    """One transaction per article: its rows and its item's `done` commit together."""
    with sessions() as session:
        if isinstance(result, Analysis):
            try:
                article, _ = store_analysis(session=session, analysis=result, draft=draft)
                jobs.settle_done(session=session, item_id=item_id, article_id=article.id)
                session.commit()
                return
            except Exception as exc:  # noqa: BLE001
                session.rollback()
                log.warning("storing job item %d failed", item_id, exc_info=True)
                result = exc
        jobs.give_back(session=session, item_id=item_id, error=f"{type(result).__name__}: {result}",
                       max_attempts=settings.job_max_attempts)
        session.commit()


# --- where the work runs --------------------------------------------------------------

class Dispatcher(Protocol):
    def dispatch(self, job_id: int, articles: int) -> None:
        """Have the job's pending articles processed."""
        ...

    def close(self) -> None: ...


class QueueDispatcher:
    """Sends a job to the Dramatiq workers: one message per chunk, so that many workers share
    it; each message works until nothing is left to claim (see app/worker.py)."""

    def __init__(self, *, broker_url: str, chunk_size: int) -> None:
        self.broker = RedisBroker(url=broker_url, middleware=[])
        self.chunk_size = chunk_size

    def dispatch(self, job_id: int, articles: int) -> None:
        for _ in range(max(1, math.ceil(articles / self.chunk_size))):
            self.broker.enqueue(Message(queue_name=QUEUE, actor_name=ACTOR, args=(job_id,), kwargs={}, options={}))

    def close(self) -> None:
        self.broker.close()


class EmbeddedWorker:
    """No broker configured: one thread in the API process runs the jobs on the API's pipeline.
    It starts with the first job, then also picks up what an earlier run left unfinished."""

    def __init__(self, *, sessions: Sessions, pipeline: Pipeline, settings: Settings) -> None:
        self.sessions, self.pipeline, self.settings = sessions, pipeline, settings
        self._wake, self._stop, self._lock = threading.Event(), threading.Event(), threading.Lock()
        self._thread: threading.Thread | None = None

    def dispatch(self, job_id: int, articles: int) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="ingest-worker", daemon=True)
                self._thread.start()
        self._wake.set()

    def resume(self) -> None:
        """At start: take up the jobs an earlier run left unfinished (it may have been killed
        mid-batch) without waiting for another batch to be posted."""
        try:
            unfinished = take_over_from_the_dead(sessions=self.sessions)
        except Exception as exc:  # noqa: BLE001
            log.warning("could not look for unfinished jobs at start: %s", exc.__class__.__name__)
            return
        if unfinished:
            log.info("resuming %d unfinished jobs", len(unfinished))
            self.dispatch(unfinished[0], 0)

    def close(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                drain(sessions=self.sessions, pipeline=self.pipeline, settings=self.settings, job_id=None,
                      keep_going=lambda: not self._stop.is_set())
                wait = seconds_until_lease_expiry(sessions=self.sessions, job_id=None)
            except Exception:  # noqa: BLE001
                log.exception("the embedded ingest worker failed; trying again in %s s", RETRY_SECONDS)
                wait = RETRY_SECONDS
            self._wake.wait(wait)


def make_dispatcher(settings: Settings, *, pipeline: Pipeline, sessions: Sessions) -> Dispatcher:
    if settings.broker_url:
        return QueueDispatcher(broker_url=settings.broker_url, chunk_size=settings.ingest_chunk_size)
    return EmbeddedWorker(sessions=sessions, pipeline=pipeline, settings=settings)
