"""After a crash (issue 15): a starting API takes up the batch jobs an earlier run left
unfinished, without waiting for another batch to be posted."""
from __future__ import annotations

import time

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.config import Settings
from app.db import get_session, make_engine
from app.main import create_app
from app.models import ArticleCreate
from app.services import jobs
from tests.api.test_articles import SHORT
from tests.api.test_bad_input import OTHER


def test_a_starting_api_resumes_unfinished_jobs(database_url, pipeline):
    engine = make_engine(database_url)
    with Session(engine) as session:  # what a killed API left: a job whose articles were never stored
        job_id = jobs.create_job(session=session, entries=[ArticleCreate(text=SHORT), ArticleCreate(text=OTHER)]).id
        session.commit()

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
    assert (job["done"], job["failed"], job["finished"]) == (2, 0, True), job
