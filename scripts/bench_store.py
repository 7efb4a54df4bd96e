"""Storing alone: statements and CPU per article, on SQLite and PostgreSQL.

    OMP_NUM_THREADS=1 python scripts/bench_store.py [--articles ../shared/news/articles.jsonl]
        [--postgres-url postgresql+psycopg://postgres@127.0.0.1:5432/quotes_bench_store] [--code DIR]

The articles are analysed first (NER and attribution, not timed), then stored into a fresh,
migrated database one transaction per article (`store_analysis` + commit), as a worker's store
process does. Prints statements an article, this process's CPU per article and, on
PostgreSQL, the server backend's. `--code DIR` imports `app` from another checkout (e.g. the
main branch's) to compare the same articles stored by other code; the analyses are made by
this repository's pipeline, so both store the same input.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path,
                        default=Path(os.environ.get("SHARED_DIR", REPO.parent / "shared")) / "news" / "articles.jsonl")
    parser.add_argument("--postgres-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/quotes_bench_store")
    parser.add_argument("--code", type=Path, default=REPO, help="the checkout whose `app` stores the articles")
    args = parser.parse_args()
    sys.path.insert(0, str(args.code.resolve()))
    if str(args.code.resolve()) != str(REPO):
        sys.path.insert(1, str(REPO))  # this repository's analyses, if the other checkout lacks a module

    analyses, drafts = analyse(args.articles)
    print(f"{len(analyses)} articles, {sum(len(a.quotes) for a in analyses)} quotes; storing code: {args.code}")
    with tempfile.TemporaryDirectory() as tmp:
        for url in (f"sqlite:///{tmp}/store.db", args.postgres_url):
            statements, client, server = store_all(url, analyses, drafts, code=args.code.resolve())
            n = len(analyses)
            server_text = f", PostgreSQL backend {1000 * server / n:.1f} ms" if server is not None else ""
            print(f"{url.split(':')[0]:<20} {statements / n:6.1f} statements an article, client CPU "
                  f"{1000 * client / n:.1f} ms an article{server_text}")


def analyse(path: Path):
    import torch

    from app.config import Settings
    from app.main import load_pipeline
    from app.models import ArticleCreate

    torch.set_num_threads(1)
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    pipeline = load_pipeline(Settings(ner_tagger="direct"))
    analyses = pipeline.analyze_many([r["text"] for r in rows])
    return analyses, [ArticleCreate(text=r["text"], title=r.get("title"), url=r.get("url")) for r in rows]


def store_all(url: str, analyses, drafts, *, code: Path) -> tuple[int, float, float | None]:
    from sqlalchemy import event, text
    from sqlmodel import Session

    from app.db import make_engine
    from app.services.ingest import store_analysis
    from scripts.bench_ingest import fresh_database, process_cpu_seconds  # after `app` comes from `code`

    if url.startswith("postgresql"):
        fresh_database(url)
    else:
        subprocess.run([sys.executable, "-m", "alembic", "upgrade", "heads"], cwd=code, check=True,
                       env={**os.environ, "DATABASE_URL": url}, capture_output=True)
    engine = make_engine(url)
    count = [0]
    event.listen(engine, "before_cursor_execute", lambda *_: count.__setitem__(0, count[0] + 1))
    with Session(engine) as session:
        backend = session.exec(text("SELECT pg_backend_pid()")).one()[0] if url.startswith("postgresql") else None
        session.commit()
        server_before = process_cpu_seconds(backend) if backend else 0.0
        count[0] = 0
        started = time.process_time()
        for analysis, draft in zip(analyses, drafts, strict=True):
            store_analysis(session=session, analysis=analysis, draft=draft)
            session.commit()
        client = time.process_time() - started
        server = process_cpu_seconds(backend) - server_before if backend else None
    engine.dispose()
    return count[0], client, server


if __name__ == "__main__":
    main()
