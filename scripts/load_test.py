"""Load test: hold a fixed rate of mixed reads and writes against the API on loopback for a
bounded time, then print latency percentiles and error counts per kind of request.

    python scripts/load_test.py                        # starts uvicorn on 127.0.0.1 with a fresh SQLite db
    python scripts/load_test.py --rate 10 --writes 0.1 --seconds 60
    python scripts/load_test.py --database-url postgresql+psycopg://postgres@127.0.0.1/quotes_load  # migrated first
    python scripts/load_test.py --url http://127.0.0.1:8000   # a server already running (loopback only)

Not a test: it prints figures. Requests leave on a fixed schedule (open loop), so a slow
server shows as latency, not as a lower rate; a request is counted from its scheduled time.
Writes post real articles from ../shared/news (a tenth of them again, as duplicates); reads
ask for quotes by speakers and words seen so far, speaker searches, article lists and pages.
"""
from __future__ import annotations

import argparse
import ipaddress
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import httpx

REPO = Path(__file__).resolve().parents[1]
ARTICLES = REPO.parent / "shared" / "news" / "articles.jsonl"
START_SECONDS = 180  # loading the NER model on a busy machine
DRAIN_SECONDS = 60  # requests still running when the schedule ends get this long


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running server on loopback; default: start one")
    parser.add_argument("--database-url", help="for the server started: default a fresh SQLite file")
    parser.add_argument("--rate", type=float, default=10.0, help="requests per second, all kinds")
    parser.add_argument("--writes", type=float, default=0.1, help="share of requests that post an article")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--articles", type=Path, default=ARTICLES)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    server = None if args.url else start_server(args.database_url)
    url = args.url or server[0]
    check_loopback(url)
    try:
        with httpx.Client(base_url=url, timeout=DRAIN_SECONDS) as client:
            results, elapsed = run(client, args)
        report(results, elapsed, args)
    finally:
        if server:
            server[1].terminate()
            server[1].wait(timeout=30)


def check_loopback(url: str) -> None:
    host = urlsplit(url).hostname or ""
    addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    if not all(ipaddress.ip_address(a).is_loopback for a in addresses):
        sys.exit(f"refusing {url}: the load test only runs against loopback")


def start_server(database_url: str | None) -> tuple[str, subprocess.Popen]:
    """uvicorn on a free loopback port, on the database given (migrated) or a fresh SQLite one."""
    database_url = database_url or f"sqlite:///{tempfile.mkdtemp(prefix='load-test-')}/quotes.db"
    env = {**os.environ, "DATABASE_URL": database_url}
    subprocess.run([sys.executable, "-m", "alembic", "upgrade", "heads"], cwd=REPO, env=env, check=True,
                   capture_output=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "warning"], cwd=REPO, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit("the server did not start")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return url, process
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    process.terminate()
    sys.exit(f"the server did not answer within {START_SECONDS} s")


class Workload:
    """The next request of each kind; remembers speakers and articles it has seen."""

    def __init__(self, articles: list[dict], rng: random.Random) -> None:
        self.articles, self.rng = articles, rng
        self.posted: list[dict] = []
        self.speakers: list[str] = ["غيراسيموف", "بوتين", "ترامب"]
        self.article_ids: list[int] = []
        self.words = ["الحكومة", "سوريا", "الرئيس", "الأمن", "المفاوضات"]
        self.lock = threading.Lock()

    def write(self) -> tuple[str, str, dict]:
        with self.lock:
            if self.posted and self.rng.random() < 0.1:
                article = self.rng.choice(self.posted)
            else:
                article = self.articles[len(self.posted) % len(self.articles)]
                self.posted.append(article)
        body = {"text": article["text"], "title": article["title"], "url": article["url"], "source": article["outlet"]}
        return "POST /articles", "/articles", body

    def read(self) -> tuple[str, str, dict]:
        with self.lock:
            kind = self.rng.choice(["quotes?speaker", "quotes?q", "speakers?q", "articles", "articles/{id}"])
            if kind == "quotes?speaker":
                return "GET /quotes?speaker=", "/quotes", {"speaker": self.rng.choice(self.speakers)}
            if kind == "quotes?q":
                return "GET /quotes?q=", "/quotes", {"q": self.rng.choice(self.words)}
            if kind == "speakers?q":
                return "GET /speakers?q=", "/speakers", {"q": self.rng.choice(self.speakers)}
            if kind == "articles" or not self.article_ids:
                return "GET /articles", "/articles", {"limit": 20}
            return "GET /articles/{id}", f"/articles/{self.rng.choice(self.article_ids)}", {}

    def learn(self, response: httpx.Response) -> None:
        if response.request.method != "POST" or response.status_code not in (200, 201):
            return
        body = response.json()
        with self.lock:
            self.article_ids.append(body["id"])
            self.speakers.extend(q["speaker"]["name"] for q in body["quotes"][:3])


def run(client: httpx.Client, args: argparse.Namespace) -> tuple[dict[str, list], float]:
    rng = random.Random(args.seed)
    with args.articles.open(encoding="utf-8") as f:
        articles = [json.loads(line) for line in f if line.strip()]
    workload = Workload(articles, rng)
    results: dict[str, list] = defaultdict(list)  # kind -> [(latency s, status or error name)]
    total = int(args.rate * args.seconds)

    def send(scheduled: float, kind: str, path: str, payload: dict) -> None:
        if time.monotonic() > deadline:  # the run is bounded even if the server stalls
            results[kind].append((time.monotonic() - scheduled, "not sent (deadline)"))
            return
        try:
            if kind.startswith("POST"):
                response = client.post(path, json=payload)
            else:
                response = client.get(path, params=payload)
            outcome: int | str = response.status_code
            workload.learn(response)
        except httpx.HTTPError as exc:
            outcome = exc.__class__.__name__
        results[kind].append((time.monotonic() - scheduled, outcome))

    started = time.monotonic()
    deadline = started + args.seconds + DRAIN_SECONDS
    with ThreadPoolExecutor(max_workers=64) as pool:
        for i in range(total):
            scheduled = started + i / args.rate
            time.sleep(max(0.0, scheduled - time.monotonic()))
            kind, path, payload = workload.write() if rng.random() < args.writes else workload.read()
            pool.submit(send, scheduled, kind, path, payload)
    return results, time.monotonic() - started


def percentile(sorted_values: list[float], p: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(p / 100 * len(sorted_values)))]


def report(results: dict[str, list], elapsed: float, args: argparse.Namespace) -> None:
    everything = [r for rows in results.values() for r in rows]
    print(f"target {args.rate:g} req/s for {args.seconds:g} s, {args.writes:.0%} writes; "
          f"sent {len(everything)} in {elapsed:.1f} s ({len(everything) / elapsed:.2f} req/s incl. drain)")
    print(f"{'request':22} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}  outcomes")
    for kind, rows in sorted(results.items()) + [("all", everything)]:
        latencies = sorted(latency * 1000 for latency, _ in rows)
        outcomes = defaultdict(int)
        for _, outcome in rows:
            outcomes[outcome] += 1
        print(f"{kind:22} {len(rows):5d} {percentile(latencies, 50):8.0f} {percentile(latencies, 95):8.0f} "
              f"{percentile(latencies, 99):8.0f} {latencies[-1]:8.0f}  "
              + ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items(), key=str)))
    errors = sum(1 for _, o in everything if not isinstance(o, int) or o >= 500)
    refused = sum(1 for _, o in everything if isinstance(o, int) and 400 <= o < 500)
    print(f"errors (5xx, timeouts, connection failures): {errors}; 4xx: {refused}")


if __name__ == "__main__":
    main()
