"""Faults: the database going away answers 503 problems and the service recovers by itself
when it returns; an NER model that cannot load stops start-up with a clear message."""
from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from app.config import Settings, get_settings
from app.db import make_engine
from app.main import create_app
from app.nlp.ner import NerModelError
from tests.api.test_articles import SHORT, assert_problem
from tests.conftest import POSTGRES_URL, REPO, _postgres_engine, migrate

FAULTS_URL = POSTGRES_URL + "_faults"
OTHER = "وأكد رئيس الوزراء سمير حداد أن \"الحكومة ستعلن خطتها غداً\"."


@pytest.fixture
def served_database(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A migrated PostgreSQL database the app reaches through its own engine (DATABASE_URL)."""
    engine = _postgres_engine(FAULTS_URL)
    migrate(engine)
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", FAULTS_URL)
    get_settings.cache_clear()
    yield FAULTS_URL.rsplit("/", 1)[1]
    get_settings.cache_clear()


@contextmanager
def database_down(name: str) -> Iterator[None]:
    """Refuse new connections to the database and kill the open ones, then bring it back."""
    admin: Engine = make_engine(POSTGRES_URL.rsplit("/", 1)[0] + "/postgres")
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS false'))
        conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"),
                     {"name": name})
        try:
            yield
        finally:
            conn.execute(text(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true'))
    admin.dispose()


def test_database_outage_is_503_then_recovers_without_restart(served_database, pipeline):
    with TestClient(create_app(settings=get_settings(), pipeline=pipeline)) as client:
        created = client.post("/articles", json={"text": SHORT})
        assert created.status_code == 201, created.text
        quotes = client.get("/quotes").json()["items"]
        assert quotes

        with database_down(served_database):
            for response in (client.get("/health"), client.get("/quotes"), client.get("/speakers", params={"q": "سالم"}),
                             client.get(f"/articles/{created.json()['id']}"), client.post("/articles", json={"text": OTHER})):
                problem = assert_problem(response, 503)
                assert problem["type"] == "/problems/unavailable" and "database" in problem["detail"]
                assert int(response.headers["retry-after"]) > 0

        # Back: dead pooled connections are replaced (pool_pre_ping); nothing was lost or half-written.
        assert client.get("/health").json() == {"status": "ok"}
        assert client.get("/quotes").json()["items"] == quotes
        assert client.post("/articles", json={"text": SHORT}).status_code == 200
        assert client.post("/articles", json={"text": OTHER}).status_code == 201


@pytest.mark.parametrize("content", [None, b"not a torch checkpoint"])
def test_start_up_stops_when_the_ner_model_cannot_load(tmp_path, content):
    model = tmp_path / "ner.pt"
    if content is not None:
        model.write_bytes(content)
    app = create_app(settings=Settings(database_url="sqlite://", ner_model_path=model))
    expected = "not found" if content is None else "is not a Stanza NER model"
    with pytest.raises(NerModelError, match=expected), TestClient(app):
        pass


def test_the_server_process_exits_with_the_reason(tmp_path: Path):
    missing = tmp_path / "missing_ner.pt"
    env = {**os.environ, "NER_MODEL_PATH": str(missing), "DATABASE_URL": f"sqlite:///{tmp_path / 'q.db'}",
           "OMP_NUM_THREADS": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1", "--port", "0"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode != 0
    assert f"NER model file not found: {missing}" in result.stderr
