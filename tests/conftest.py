"""Shared fixtures: the real Alembic migrations on SQLite and PostgreSQL, one rolled-back
transaction per test, the bundled NLP pipeline loaded once per run, the repository's example
article, and the files of ../shared (tests that need them skip without them)."""
from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from alembic import command
from alembic.config import Config
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlmodel import Session

from app.config import Settings
from app.db import get_session, make_engine
from app.main import create_app, load_pipeline
from app.nlp.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[1]
# The team's evaluation data and corpora, beside the clone and not in it (not public).
SHARED = Path(os.environ.get("SHARED_DIR", REPO.parent / "shared"))
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/quotes_test")
# Written by the project for the README's example: any test that needs an article's text uses it.
EXAMPLE_ARTICLE = REPO / "docs" / "examples" / "article.json"


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _absent(relpath: str) -> str | None:
    if (SHARED / relpath).exists():
        return None
    return f"needs ../shared/{relpath}, absent under {SHARED} (set SHARED_DIR to the shared data folder)"


def shared_file(relpath: str) -> Path:
    """A file or folder of ../shared, e.g. `eval/dev.jsonl`; the calling test skips without it."""
    if reason := _absent(relpath):
        pytest.skip(reason)
    return SHARED / relpath


def needs_shared(relpath: str) -> pytest.MarkDecorator:
    """The same as a mark, for tests that read the file at module level or in several places."""
    reason = _absent(relpath)
    return pytest.mark.skipif(reason is not None, reason=reason or "")


@pytest.fixture(scope="session")
def seed_article() -> dict:
    """The gold set's seed article (its figures are asserted in tests/nlp/test_attribution_seed.py)."""
    return read_jsonl(shared_file("eval/dev.jsonl"))[0]


@pytest.fixture(scope="session")
def example_article() -> dict:
    """docs/examples/article.json: ready to POST to /articles."""
    return json.loads(EXAMPLE_ARTICLE.read_text(encoding="utf-8"))


def example_variants(article: dict, count: int) -> list[dict]:
    """`count` distinct articles (their own text and url) made from the example article."""
    return [{**article, "text": f"{article['text']}\n(النسخة {n})", "url": f"https://example.com/example/{n}",
             "title": f"{article['title']} ({n})"} for n in range(1, count + 1)]


def migrate(engine: Engine) -> None:
    config = Config(str(REPO / "alembic.ini"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "heads")


def _postgres_engine(url: str = POSTGRES_URL) -> Engine:
    """A fresh database (`quotes_test` by default); skipped when no server answers, unless CI requires it."""
    admin = make_engine(url.rsplit("/", 1)[0] + "/postgres")
    name = url.rsplit("/", 1)[1]
    try:
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            raise
        pytest.skip(f"PostgreSQL not reachable at {url}: {exc.__class__.__name__}")
    finally:
        admin.dispose()
    return make_engine(url)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}")
    else:
        eng = _postgres_engine()
    migrate(eng)
    yield eng
    eng.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh migrated database that the test commits to for real (workers, CLI): its URL."""
    url = f"sqlite:///{tmp_path / 'committed.db'}" if request.param == "sqlite" else POSTGRES_URL + "_committed"
    eng = make_engine(url) if request.param == "sqlite" else _postgres_engine(url)
    migrate(eng)
    eng.dispose()
    yield url


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """Everything a test writes, commits included, is rolled back after it."""
    with engine.connect() as connection:
        outer = connection.begin()
        db = Session(bind=connection, join_transaction_mode="create_savepoint")
        yield db
        db.close()
        outer.rollback()


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return load_pipeline(Settings())


@pytest.fixture
def settings() -> Settings:
    return Settings(database_url="sqlite://", max_body_bytes=1_000_000, max_text_chars=100_000)


@pytest.fixture
def http_transport() -> httpx.MockTransport:
    """Pages served to the url fetcher; tests replace `.handler`. No test touches the network."""
    return httpx.MockTransport(lambda request: httpx.Response(404))


@pytest.fixture
def client(session: Session, pipeline: Pipeline, settings: Settings,
           http_transport: httpx.MockTransport) -> Iterator[TestClient]:
    app = create_app(settings=settings, pipeline=pipeline, http_client=httpx.Client(transport=http_transport))
    app.dependency_overrides[get_session] = lambda: session
    with TestClient(app) as test_client:
        yield test_client
