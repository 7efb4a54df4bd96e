"""The API opens one database engine, on the database its settings name, and both its requests
and its job dispatcher (the embedded worker) use it."""
from __future__ import annotations

import time

from fastapi.testclient import TestClient
from sqlmodel import Session, func, select

from app import db
from app.config import Settings, get_settings
from app.main import create_app
from app.models import Article
from tests.api.test_articles import SHORT
from tests.api.test_bad_input import OTHER


def test_requests_and_jobs_share_the_apps_one_engine(database_url, pipeline, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'elsewhere.db'}")  # the environment's: not migrated
    get_settings.cache_clear()
    made = []
    create_engine = db.create_engine
    monkeypatch.setattr(db, "create_engine", lambda url, **kw: made.append(url) or create_engine(url, **kw))
    try:
        with TestClient(create_app(settings=Settings(database_url=database_url), pipeline=pipeline)) as client:
            assert client.post("/articles", json={"text": SHORT}).status_code == 201
            job = client.post("/articles/batch", json=[{"text": OTHER}]).json()
            deadline = time.monotonic() + 60
            while not (job := client.get(f"/jobs/{job['id']}").json())["finished"] and time.monotonic() < deadline:
                time.sleep(0.2)
    finally:
        get_settings.cache_clear()
    assert made == [database_url]
    assert (job["done"], job["failed"]) == (1, 0), job
    engine = db.make_engine(database_url)
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(Article)).one() == 2
    engine.dispose()
