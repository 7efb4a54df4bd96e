"""Dramatiq workers for batch jobs: `BROKER_URL=redis://... dramatiq app.worker --threads 1`.

Run any number of them, on any number of machines, against the same PostgreSQL and Redis.
Each process loads the NLP pipeline once, before it takes a message, and only tags entities
itself: a child process (`StoreProcess`) attributes quotes and stores. On start it sends a
message for every unfinished job, so work a dead worker held is picked up again.
"""
from __future__ import annotations

import logging
import time

import dramatiq
from dramatiq.brokers.redis import RedisBroker
from sqlmodel import Session

from app.config import Settings, get_settings
from app.db import make_engine
from app.job_runner import (
    ACTOR,
    QUEUE,
    Sessions,
    StoreProcess,
    drain,
    seconds_until_lease_expiry,
    take_over_from_the_dead,
)
from app.nlp.pipeline import Pipeline

log = logging.getLogger(__name__)

# A message hands the job on to a fresh message after this long, so none runs for hours.
MESSAGE_SECONDS = 60.0


class WorkerProcess(dramatiq.Middleware):
    """What a worker process holds: its settings, database sessions and the pipeline."""

    settings: Settings
    sessions: Sessions
    pipeline: Pipeline
    store_process: StoreProcess

    def before_worker_boot(self, broker: dramatiq.Broker, worker: dramatiq.Worker) -> None:
        from app.main import load_pipeline

        self.settings = get_settings()
        engine = make_engine(self.settings.database_url)
        self.sessions = lambda: Session(engine)
        self.pipeline = load_pipeline(self.settings)
        self.store_process = StoreProcess(self.settings)
        log.info("ingest worker ready: pipeline loaded")

    def before_worker_shutdown(self, broker: dramatiq.Broker, worker: dramatiq.Worker) -> None:
        self.store_process.close()

    def after_worker_boot(self, broker: dramatiq.Broker, worker: dramatiq.Worker) -> None:
        for job_id in take_over_from_the_dead(sessions=self.sessions):
            ingest_job.send(job_id)


def _broker() -> RedisBroker:
    url = get_settings().broker_url
    if not url:
        raise SystemExit("BROKER_URL is not set: queue workers need a Redis broker, e.g. redis://127.0.0.1:6379/0")
    return RedisBroker(url=url)


broker = _broker()
process = WorkerProcess()
broker.add_middleware(process)
dramatiq.set_broker(broker)


@dramatiq.actor(actor_name=ACTOR, queue_name=QUEUE, max_retries=10, min_backoff=1_000, max_backoff=60_000)
def ingest_job(job_id: int) -> None:
    """A message says that job `job_id` has work. The worker then takes the articles of any job,
    oldest first, until nothing is claimable: its chunks stay full across the jobs of many
    small batches, and NER never waits for a job's last chunk to be stored. While other
    workers hold articles it looks again when their lease runs out (one of them may have died)."""
    deadline = time.monotonic() + MESSAGE_SECONDS
    if not drain(sessions=process.sessions, pipeline=process.pipeline, settings=process.settings, job_id=None,
                 keep_going=lambda: time.monotonic() < deadline, store_process=process.store_process):
        ingest_job.send(job_id)
        return
    wait = seconds_until_lease_expiry(sessions=process.sessions, job_id=None)
    if wait is not None:
        ingest_job.send_with_options(args=(job_id,), delay=int(wait * 1000))
