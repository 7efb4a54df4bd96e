"""Ingest throughput: the bare NER stage against the whole batch path, in one run.

    OMP_NUM_THREADS=1 python scripts/bench_ingest.py [--workers 1 2]

(a) the project's NER stage alone (`tagger.tag_many` over every article's sentences, split
beforehand) in this process; (b) the full path: `POST /articles/batch` to a uvicorn API →
Redis → `dramatiq app.worker` processes → PostgreSQL, timed from the first POST until every
article is stored, once per worker count, each on a fresh database. Prints articles/s of each,
(b)/(a), and the speed-up of N workers over one. Needs PostgreSQL and Redis (URLs below).

CPU: (a)'s own CPU time per article is NER's; (b)'s is the CPU the workers (with their store
processes), the API, the benchmark database's PostgreSQL backends and Redis spent while timed,
per article (other users of the machine are not counted). The last line divides the two, for
the first worker count given (one by default).
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import redis
from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.config import Settings  # noqa: E402
from app.db import make_engine  # noqa: E402
from app.nlp.tokenize import split_sentences  # noqa: E402

BATCH_BYTES = 1_500_000  # under the API's default 2 MB body limit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=Path, default=ROOT.parent / "shared" / "news" / "articles.jsonl")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--postgres-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/quotes_bench_ingest")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()

    rows = [json.loads(line) for line in args.articles.open(encoding="utf-8") if line.strip()]
    articles = [{"text": r["text"], "title": r.get("title"), "url": r.get("url")} for r in rows]
    sentences = sum(len(split_sentences(a["text"])) for a in articles)
    print(f"{len(articles)} articles, {sentences} sentences; OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS')}, "
          f"chunk {Settings().ingest_chunk_size} articles")

    ner_rate, ner_cpu = bare_ner_rate([a["text"] for a in articles])
    print(f"(a) NER stage alone:                 {ner_rate:7.2f} articles/s, {1000 * ner_cpu / len(articles):.1f} ms "
          f"CPU an article")
    rates, cpu = {}, {}
    for workers in args.workers:
        rates[workers], cpu[workers] = full_path_rate(articles, workers=workers, args=args)
        print(f"(b) full ingest path, {workers} worker(s):   {rates[workers]:7.2f} articles/s"
              f"   (b)/(a) = {rates[workers] / ner_rate:.2f}, {1000 * cpu[workers] / len(articles):.1f} ms CPU an article")
    for workers, rate in rates.items():
        if workers != 1 and 1 in rates:
            print(f"{workers} workers / 1 worker = {rate / rates[1]:.2f}")
    print(f"load average: {os.getloadavg()[0]:.2f}")
    print(f"cpu per article / ner cpu: {cpu[args.workers[0]] / ner_cpu:.2f}")


def bare_ner_rate(texts: list[str]) -> float:
    from app.main import load_pipeline

    tagger = load_pipeline(Settings()).tagger
    documents = [tuple(split_sentences(t)) for t in texts]
    tagger.tag_many(documents[:8])  # warm-up
    started, cpu_started = time.perf_counter(), time.process_time()
    tagger.tag_many(documents)
    return len(texts) / (time.perf_counter() - started), time.process_time() - cpu_started


def full_path_rate(articles: list[dict], *, workers: int, args: argparse.Namespace) -> tuple[float, float]:
    """Articles/s of the whole path, and the CPU seconds it spent (see the module's docstring)."""
    fresh_database(args.postgres_url)
    redis.Redis.from_url(args.redis_url).flushdb()
    env = {**os.environ, "DATABASE_URL": args.postgres_url, "BROKER_URL": args.redis_url}
    log = Path(f"/tmp/bench_ingest_{workers}.log").open("wb")
    api = spawn([sys.executable, "-m", "uvicorn", "app.main:app", "--port", str(args.port)], env, log)
    pool = spawn([sys.executable, "-m", "dramatiq", "app.worker", "--processes", str(workers), "--threads", "1"],
                 {**env, "dramatiq_worker_timeout": "100"}, log)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{args.port}", timeout=60) as client:
            wait_until(lambda: healthy(client), what="the API")
            warm_up = [{"text": a["text"] + "\nتحديث."} for a in articles[: 2 * workers]]
            wait_until(lambda: ready_workers(log.name) >= workers, what="the workers")
            run_jobs(client, warm_up)
            cpu_before = {name: tree_cpu_seconds(p.pid) for name, p in (("api", api), ("workers", pool))}
            stores_before = tree_cpu_seconds(pool.pid, depth=2)  # dramatiq → worker processes → store processes
            backends_before, redis_before = backend_cpu_seconds(args.postgres_url), redis_cpu_seconds(args.redis_url)
            busy_before, started = machine_busy_seconds(), time.perf_counter()
            run_jobs(client, articles)
            elapsed = time.perf_counter() - started
            spent = {name: tree_cpu_seconds(p.pid) - cpu_before[name] for name, p in (("api", api), ("workers", pool))}
            stores = tree_cpu_seconds(pool.pid, depth=2) - stores_before
            backends = backend_cpu_seconds(args.postgres_url)
            spent["postgres"] = sum(seconds - backends_before.get(pid, 0.0) for pid, seconds in backends.items())
            spent["redis"] = redis_cpu_seconds(args.redis_url) - redis_before
            busy = machine_busy_seconds() - busy_before
            print(f"    CPU seconds while timed ({elapsed:.1f} s): workers {spent['workers']:.1f} (their store processes "
                  f"{stores:.1f}), API {spent['api']:.1f}, "
                  f"PostgreSQL backends {spent['postgres']:.1f}, Redis {spent['redis']:.1f}; "
                  f"the whole machine (other users too) {busy:.1f}")
            return len(articles) / elapsed, sum(spent.values())
    finally:
        for process in (api, pool):
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=60)


def tree_cpu_seconds(pid: int, depth: int | None = None) -> float:
    """User + system CPU time of a process and its descendants (from /proc); with `depth`,
    only of the descendants that many generations below it (1: its children)."""
    ticks = os.sysconf("SC_CLK_TCK")
    stats = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            stats[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    generations = [{pid}]
    while generations[-1]:
        generations.append({child for child, (parent, _) in stats.items() if parent in generations[-1]})
    members = set().union(*generations) if depth is None else (generations[depth] if depth < len(generations) else set())
    return sum(stats.get(member, (0, 0))[1] for member in members) / ticks


def process_cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def backend_cpu_seconds(url: str) -> dict[int, float]:
    """CPU seconds of each PostgreSQL backend connected to the benchmark's database (a server on this machine)."""
    engine = make_engine(url)
    with engine.connect() as conn:
        pids = conn.execute(text("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                                 "AND pid <> pg_backend_pid()")).scalars().all()
    engine.dispose()
    return {pid: process_cpu_seconds(pid) for pid in pids}


def redis_cpu_seconds(url: str) -> float:
    """The Redis server's CPU seconds (shared with anyone else using it; the queue is its main user here)."""
    info = redis.Redis.from_url(url).info("cpu")
    return float(info["used_cpu_user"]) + float(info["used_cpu_sys"])


def machine_busy_seconds() -> float:
    """CPU time all cores spent busy since boot (from /proc/stat)."""
    user, nice, system, _idle, _iowait, irq, softirq = map(int, Path("/proc/stat").read_text().split()[1:8])
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def run_jobs(client: httpx.Client, articles: list[dict]) -> None:
    """Post the articles in batches under the body limit; wait until every one is stored."""
    job_ids = []
    for batch in batches(articles):
        response = client.post("/articles/batch", json=batch)
        response.raise_for_status()
        job_ids.append(response.json()["id"])
    for job_id in job_ids:
        def finished() -> bool:
            job = client.get(f"/jobs/{job_id}").json()
            if job["failed"]:
                raise SystemExit(f"job {job_id}: {job['errors'][:3]}")
            return job["finished"]

        wait_until(finished, what=f"job {job_id}", seconds=3600, every=0.25)


def batches(articles: list[dict]) -> list[list[dict]]:
    out: list[list[dict]] = [[]]
    size = 0
    for article in articles:
        length = len(json.dumps(article).encode())
        if out[-1] and size + length > BATCH_BYTES:
            out.append([])
            size = 0
        out[-1].append(article)
        size += length
    return out


def fresh_database(url: str) -> None:
    base, name = url.rsplit("/", 1)
    admin = make_engine(base + "/postgres")
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    subprocess.run([sys.executable, "-m", "alembic", "upgrade", "heads"], cwd=ROOT, check=True,
                   env={**os.environ, "DATABASE_URL": url}, capture_output=True)


def spawn(command: list[str], env: dict, log) -> subprocess.Popen:  # noqa: ANN001
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def healthy(client: httpx.Client) -> bool:
    try:
        return client.get("/health").status_code == 200
    except httpx.TransportError:
        return False


def ready_workers(log_path: str) -> int:
    return Path(log_path).read_text(errors="replace").count("ingest worker ready")


def wait_until(condition, *, what: str, seconds: float = 300, every: float = 0.5) -> None:  # noqa: ANN001
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(every)


if __name__ == "__main__":
    main()
