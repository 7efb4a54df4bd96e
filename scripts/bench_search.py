"""Benchmark search at scale: p50/p95 latency of `GET /quotes?speaker=`, `GET /quotes?q=` and
`GET /speakers?q=` over 1,000,000 generated quotes by 20,000 speakers, on SQLite and PostgreSQL.

    python scripts/bench_search.py                      # both databases, 1,000,000 quotes
    python scripts/bench_search.py --db sqlite --quotes 100000 --speakers 2000
    python scripts/bench_search.py --reuse              # measure databases filled before

Not a test: it prints figures. Databases are built by the real migrations; rows are written
in bulk with the keys the service computes (`app/nlp/names.py`), then settled (ANALYZE, the
full-text index merged) as a running database would be. Statements are drawn from
the word frequencies of the real news articles; speakers are the public figures of the
name-pair list (who say the most) and generated Arabic names (many share first or family
names). Requests go over HTTP to a uvicorn server process, as a client's would.
"""
from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from alembic.config import Config  # noqa: E402
import httpx  # noqa: E402
from sqlalchemy import Engine, insert, text  # noqa: E402

from alembic import command  # noqa: E402
from app.db import make_engine  # noqa: E402
from app.models import Article, Quote, Speaker, SpeakerAlias, SpeakerNameKey  # noqa: E402
from app.nlp.arabic import normalize  # noqa: E402
from app.nlp.names import index_keys, last_word_key  # noqa: E402
from bench_ingest import healthy, spawn, wait_until  # noqa: E402
from tests.nlp.name_pairs import NAME_PAIRS  # noqa: E402

NEWS = REPO.parent / "shared" / "news" / "articles.jsonl"
SQLITE_PATH = Path("/tmp/bench_search.db")
POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/quotes_bench"
FIRST = ("محمد أحمد علي حسن حسين خالد عمر يوسف إبراهيم عبدالله مصطفى محمود سعيد طارق ماجد فيصل ناصر سلطان "
         "سامي كريم وليد هشام عادل جمال رامي زياد فادي باسل نبيل منير سمير جورج ميشيل إيلي فاطمة مريم "
         "ليلى سارة نور هدى رنا دينا سلمى ياسمين عائشة خديجة زينب").split()
ROOT_LETTERS = "بتجحخدرزسشصطعغفقكلمنهو"
PATTERNS = ("ال{0}{1}{2}ي", "{0}ا{1}{2}", "ال{0}{1}ا{2}", "{0}{1}ي{2}", "ال{0}ا{1}{2}ي", "{0}و{1}{2}")


def family_names(rng: random.Random, n: int) -> list[str]:
    names: set[str] = set()
    while len(names) < n:
        names.add(rng.choice(PATTERNS).format(*rng.sample(ROOT_LETTERS, 3)))
    return sorted(names)


def speaker_names(rng: random.Random, n: int) -> list[str]:
    """The public figures first, then distinct generated first + family names."""
    names = [arabic for _, arabic in NAME_PAIRS]
    families = family_names(rng, max(200, n // 25))
    seen = set(names)
    while len(names) < n:
        name = f"{rng.choice(FIRST)} {rng.choice(families)}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def vocabulary() -> tuple[list[str], list[int]]:
    counts: Counter[str] = Counter()
    with NEWS.open(encoding="utf-8") as f:
        for line in f:
            counts.update(w for w in json.loads(line)["text"].split() if any("\u0621" <= c <= "\u064a" for c in w))
    words = [w for w, _ in counts.most_common(20000)]
    return words, [counts[w] for w in words]


def migrate(engine: Engine) -> None:
    config = Config(str(REPO / "alembic.ini"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "heads")


def fresh_engine(db: str) -> Engine:
    if db == "sqlite":
        SQLITE_PATH.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        return make_engine(f"sqlite:///{SQLITE_PATH}")
    admin = make_engine(POSTGRES_URL.rsplit("/", 1)[0] + "/postgres")
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("DROP DATABASE IF EXISTS quotes_bench WITH (FORCE)"))
        conn.execute(text("CREATE DATABASE quotes_bench"))
    admin.dispose()
    return make_engine(POSTGRES_URL)


def fill(engine: Engine, *, n_quotes: int, n_speakers: int, seed: int) -> None:
    rng = random.Random(seed)
    words, weights = vocabulary()
    cumulative = list(itertools.accumulate(weights))
    names = speaker_names(rng, n_speakers)
    started = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(insert(Speaker), [
            {"id": i + 1, "name": name, "kind": "person", "norm_name": normalize(name),
             "key": f"person:{normalize(name)}", "quote_count": 0, "created_at": datetime.now(UTC)}
            for i, name in enumerate(names)
        ])
        aliases, keys = [], set()
        for i, name in enumerate(names, start=1):
            forms = {name, name.split()[-1]}
            aliases += [{"speaker_id": i, "alias": form, "norm_alias": normalize(form)} for form in forms]
            keys |= {(i, key) for form in forms for key in index_keys(form)} | {(i, f"l:{last_word_key(name)}")}
        conn.execute(insert(SpeakerAlias), aliases)
        conn.execute(insert(SpeakerNameKey), [{"speaker_id": s, "key": k} for s, k in sorted(keys)])
    print(f"  {len(names)} speakers, {len(aliases)} aliases, {len(keys)} name keys "
          f"in {time.perf_counter() - started:.0f} s", flush=True)
    # Who speaks follows a Zipf law: the public figures most, a long tail of rare speakers.
    speaker_weights = [1 / (rank + 1) ** 0.8 for rank in range(len(names))]
    per_article, batch = 10, 20000
    start = datetime(2015, 1, 1, tzinfo=UTC)
    quote_counts: Counter[int] = Counter()
    for first in range(0, n_quotes, batch):
        size = min(batch, n_quotes - first)
        article_ids = range(first // per_article + 1, (first + size - 1) // per_article + 2)
        when = {a: start + timedelta(minutes=rng.randrange(6_000_000)) for a in article_ids}
        speakers = rng.choices(range(1, len(names) + 1), weights=speaker_weights, k=size)
        quote_counts.update(speakers)
        quotes = []
        for n, speaker_id in enumerate(speakers):
            statement = " ".join(rng.choices(words, cum_weights=cumulative, k=rng.randint(6, 25)))
            article_id = (first + n) // per_article + 1
            quotes.append({"article_id": article_id, "speaker_id": speaker_id, "statement": statement,
                           "norm_statement": normalize(statement), "type": "indirect", "cue": "قال",
                           "start": 0, "end": len(statement), "confidence": 0.9, "mention": names[speaker_id - 1],
                           "sort_at": when[article_id]})
        with engine.begin() as conn:
            conn.execute(insert(Article), [
                {"id": a, "text": f"نص المقال {a}", "content_hash": hashlib.sha256(str(a).encode()).hexdigest(),
                 "sort_at": when[a], "published_at": when[a], "created_at": when[a]} for a in article_ids
            ])
            conn.execute(insert(Quote), quotes)
        print(f"  {first + size} quotes, {time.perf_counter() - started:.0f} s", flush=True)
    with engine.begin() as conn:
        conn.execute(text("UPDATE speaker SET quote_count = :n WHERE id = :id"),
                     [{"id": s, "n": n} for s, n in quote_counts.items()])
    print(f"  filled in {time.perf_counter() - started:.0f} s", flush=True)


def settle(engine: Engine) -> None:
    """What a database that has been running a while has done after a bulk load: statistics,
    and the full-text index merged (FTS5 segments; the GIN pending list, by VACUUM)."""
    started = time.perf_counter()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if engine.dialect.name == "sqlite":
            conn.execute(text("INSERT INTO quote_fts(quote_fts) VALUES ('optimize')"))
            conn.execute(text("ANALYZE"))
        else:
            conn.execute(text("VACUUM ANALYZE"))
    print(f"  settled in {time.perf_counter() - started:.0f} s", flush=True)


def typed_names(rng: random.Random, engine: Engine, n: int) -> list[str]:
    """What users type: Latin spellings, full Arabic names, family names alone, press variants."""
    with engine.connect() as conn:
        stored = [row[0] for row in conn.execute(text("SELECT name FROM speaker ORDER BY random() LIMIT :n"), {"n": n})]
    latin = [latin for latin, _ in NAME_PAIRS]
    variants = [name.replace("غ", "ج").replace("ي", "ى").replace("أ", "ا") for name in stored]
    pool = latin + stored + [s.split()[-1] for s in stored] + variants
    return [rng.choice(pool) for _ in range(n)]


def typed_words(rng: random.Random, n: int) -> list[str]:
    """Statement searches: one or two words, common and rare, as they are written (ة, hamza)."""
    words, _ = vocabulary()
    content = [w for w in words if len(w) > 3]
    picks = [rng.choice(content[:200]) for _ in range(n // 3)] + [rng.choice(content[200:5000]) for _ in range(n // 3)]
    picks += [f"{rng.choice(content[:2000])} {rng.choice(content[:2000])}" for _ in range(n - len(picks))]
    rng.shuffle(picks)
    return picks


def measure(engine: Engine, *, requests: int, seed: int, port: int) -> dict[str, tuple[float, float]]:
    """Latency as a client sees it: a uvicorn server process, one keep-alive HTTP connection."""
    env = {**os.environ, "DATABASE_URL": engine.url.render_as_string(hide_password=False), "OMP_NUM_THREADS": "1"}
    server = spawn([sys.executable, "-m", "uvicorn", "app.main:app", "--port", str(port), "--no-access-log",
                    "--log-level", "warning"], env, subprocess.DEVNULL)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            wait_until(lambda: healthy(client), what="the API")
            return _time_requests(client, engine, requests=requests, seed=seed)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def _time_requests(client: httpx.Client, engine: Engine, *, requests: int, seed: int) -> dict[str, tuple[float, float]]:
    rng = random.Random(seed)
    cases = {
        "GET /quotes?speaker=": [("/quotes", {"speaker": s}) for s in typed_names(rng, engine, requests)],
        "GET /quotes?q=": [("/quotes", {"q": w}) for w in typed_words(rng, requests)],
        "GET /speakers?q=": [("/speakers", {"q": s}) for s in typed_names(rng, engine, requests)],
        "GET /health (floor)": [("/health", {})] * requests,  # the server's own cost, for comparison
    }
    figures = {}
    for label, calls in cases.items():
        for path, params in calls[:20]:  # warm the caches as a running service has them
            client.get(path, params=params)
        times = []
        for path, params in calls:
            t = time.perf_counter()
            response = client.get(path, params=params)
            times.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200, response.text
        figures[label] = p50_p95(times)
    return figures


def p50_p95(values: list[float]) -> tuple[float, float]:
    return statistics.median(values), statistics.quantiles(values, n=100)[94]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--quotes", type=int, default=1_000_000)
    parser.add_argument("--speakers", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=300, help="per endpoint")
    parser.add_argument("--reuse", action="store_true", help="measure the databases a previous run filled")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args()
    results = {}
    for db in (["sqlite", "postgresql"] if args.db == "both" else [args.db]):
        print(f"{db}:", flush=True)
        if args.reuse:
            engine = make_engine(f"sqlite:///{SQLITE_PATH}" if db == "sqlite" else POSTGRES_URL)
        else:
            engine = fresh_engine(db)
            migrate(engine)
            fill(engine, n_quotes=args.quotes, n_speakers=args.speakers, seed=args.seed)
            settle(engine)
        results[db] = measure(engine, requests=args.requests, seed=args.seed, port=args.port)
        print(f"  load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs", flush=True)
        engine.dispose()
    print(f"\n{args.quotes:,} quotes, {args.speakers:,} speakers, {args.requests} requests per endpoint")
    print("through a uvicorn server on loopback, one keep-alive connection, requests one after another")
    print(f"{'database':<11} {'endpoint':<22} {'p50 ms':>8} {'p95 ms':>8}")
    for db, figures in results.items():
        for label, (p50, p95) in figures.items():
            print(f"{db:<11} {label:<22} {p50:>8.1f} {p95:>8.1f}")


if __name__ == "__main__":
    main()
