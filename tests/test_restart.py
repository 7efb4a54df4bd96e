"""After a crash (issue 15): a starting API takes up the batch jobs an earlier run left
unfinished, without waiting for another batch to be posted, and the articles a dead process
of this machine held without waiting out their lease."""
from __future__ import annotations

import subprocess
import time

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.config import Settings
from app.db import get_session, make_engine
from app.main import create_app
from app.models import ArticleCreate
from app.processes import known_dead, process_name, this_process
from app.services import jobs
from tests.api.test_articles import SHORT
from tests.api.test_bad_input import OTHER


def test_a_starting_api_resumes_unfinished_jobs(database_url, pipeline):
    engine = make_engine(database_url)
    with Session(engine) as session:  # what a killed API left: a job whose articles were never stored
        job_id = jobs.create_job(session=session, entries=[ArticleCreate(text=SHORT), ArticleCreate(text=OTHER)]).id
        session.commit()

    job = _run_api_until_finished(database_url, engine, pipeline, job_id)
    assert (job["done"], job["failed"], job["finished"]) == (2, 0, True), job


def _run_api_until_finished(database_url: str, engine, pipeline, job_id: int) -> dict:  # noqa: ANN001
    """Start the API on that database; the job as it stands once finished, or after 60 s."""
    app = create_app(settings=Settings(database_url=database_url), pipeline=pipeline)

    def sessions():  # noqa: ANN202
        with Session(engine) as session:
            yield session

    app.dependency_overrides[get_session] = sessions
    with TestClient(app) as client:
        deadline = time.monotonic() + 60
        while not (job := client.get(f"/jobs/{job_id}").json())["finished"] and time.monotonic() < deadline:
            time.sleep(0.2)
    engine.dispose()
    return job


def test_articles_a_dead_process_held_are_taken_over_at_once(database_url, pipeline):
    engine = make_engine(database_url)
    finished = subprocess.Popen(["sleep", "0"])
    dead = process_name(finished.pid)
    finished.wait()
    with Session(engine) as session:  # an API killed while it held both articles, for 300 s more
        job_id = jobs.create_job(session=session, entries=[ArticleCreate(text=SHORT), ArticleCreate(text=OTHER)]).id
        assert len(jobs.claim(session=session, job_id=job_id, limit=10, lease_seconds=300, max_attempts=3,
                              holder=dead)) == 2
        session.commit()
    job = _run_api_until_finished(database_url, engine, pipeline, job_id)
    assert (job["done"], job["failed"], job["finished"]) == (2, 0, True), job


def test_a_live_holder_is_not_known_dead_nor_one_on_another_machine():
    assert not known_dead(this_process())
    assert not known_dead("elsewhere:0:1:1")
