"""Database engine and sessions. Services flush; only the edges (request, worker, CLI) commit."""
from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from fastapi import Request
from sqlalchemy import Engine, event, func, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, SQLModel, create_engine, select


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        _make_sqlite_transactional(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


def _make_sqlite_transactional(engine: Engine) -> None:
    """Let SQLAlchemy, not pysqlite, emit BEGIN, so SAVEPOINTs (used for idempotent inserts
    and for rolling back each test) work; turn on foreign keys and WAL for concurrent readers."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # noqa: ANN001
        connection.exec_driver_sql("BEGIN")


# The key of the advisory lock every writer of articles and speakers takes ("quote").
WRITE_LOCK_KEY = 0x71756F7465


def one_writer_at_a_time(session: Session) -> None:
    """Hold, until the transaction ends, the lock that serialises writes of articles and speakers.

    Speaker resolution reads, then creates, renames or merges several rows: two PostgreSQL
    transactions doing it at once deadlock. The writes are short next to NER, which runs
    before them, so writers take turns. On SQLite a no-op write takes the database's write
    lock, waiting out other writers (busy timeout); called first in a transaction it cannot
    fail the way a read transaction turning into a write does ("database is locked")."""
    if session.get_bind().dialect.name == "postgresql":
        session.exec(text("SELECT pg_advisory_xact_lock(:key)").bindparams(key=WRITE_LOCK_KEY))
    else:
        session.exec(text("UPDATE article SET id = id WHERE 0"))


def unused_id(session: Session, id_column: Any, *retired_ids: Any) -> int | None:
    """An id for a new row that no row ever had, on SQLite: it gives the largest id again once
    that row is deleted, so an id kept elsewhere (`retired_ids`, as a merged speaker's in the
    merge record) would name a newcomer. None on PostgreSQL, whose sequences never reuse. Call
    it holding `one_writer_at_a_time`, so no other writer takes the same id."""
    if session.get_bind().dialect.name == "postgresql":
        return None
    largest = [session.exec(select(func.max(column))).one() or 0 for column in (id_column, *retired_ids)]
    return max(largest) + 1


def insert_rows(session: Session, model: type[SQLModel], rows: Sequence[Mapping[str, Any]], *,
                skip_duplicates: bool = False, returning: str | None = "id") -> list[Any]:
    """Many rows in few statements; returns the `returning` column of the rows inserted. With
    `skip_duplicates`, rows a unique constraint already holds are left out (ON CONFLICT DO NOTHING).

    ORM objects, or a plain executemany, cost the database one statement per row, and skipping
    duplicates portably a savepoint per row: storing an article cost as much as its NER. An
    INSERT with RETURNING run on many rows is sent by SQLAlchemy as multi-row `VALUES` batches
    ("insertmanyvalues"), compiled once. Columns with Python-side defaults must be given."""
    if not rows:
        return []
    table = model.__table__  # type: ignore[attr-defined]
    dialect_insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = dialect_insert(table)
    if skip_duplicates:
        statement = statement.on_conflict_do_nothing()
    if returning is None:
        session.exec(statement, params=list(rows))
        return []
    return list(session.exec(statement.returning(table.c[returning]), params=list(rows)).scalars())


def get_session(request: Request) -> Iterator[Session]:
    """A request's session, on its app's one engine (`app.state.engine`: opened at start-up
    from the app's settings, and shared with the app's job dispatcher)."""
    with Session(request.app.state.engine) as session:
        yield session
