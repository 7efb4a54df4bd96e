"""20 clients post overlapping articles (same speakers, many duplicates) and aliases at once to
a real server, on SQLite and on PostgreSQL: every request answered, no duplicate article, no
duplicate speaker, no lost quote, count or alias."""
from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from app import db
from app.config import get_settings
from app.main import create_app
from app.models import Article, Quote, Speaker, SpeakerAlias
from app.nlp.arabic import normalize

CLIENTS = 20
SPEAKERS = ["وزير الخارجية أحمد سالم", "رئيس الوزراء سمير حداد", "المتحدثة باسم الحكومة ليلى منصور"]
TOPICS = ["المفاوضات", "الميزانية", "الانتخابات", "الطاقة"]


def article(n: int) -> dict:
    """Article n quotes two of the three speakers; every article names people the others name."""
    first, second = SPEAKERS[n % 3], SPEAKERS[(n + 1) % 3]
    topic = TOPICS[n % len(TOPICS)]
    return {
        "text": f"وقال {first} إن \"{topic} ستستأنف الأسبوع {n}\".\nوأكد {second} أن \"الحكومة ستعلن خطة {topic} رقم {n}\".",
        "url": f"https://news.example/{n}",
        "source": "وكالة",
    }


ARTICLES = [article(n) for n in range(12)]


@pytest.fixture
def committed_engine(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """A fresh database (SQLite file, PostgreSQL) that the server commits to for real."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    get_settings.cache_clear()
    eng = db.make_engine(database_url)
    yield eng
    get_settings.cache_clear()
    eng.dispose()


@pytest.fixture
def server(committed_engine, pipeline) -> Iterator[str]:
    """The app under uvicorn on a free loopback port, in this process."""
    config = uvicorn.Config(create_app(settings=get_settings(), pipeline=pipeline), host="127.0.0.1", port=0,
                            log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    port = srv.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=30)


def test_twenty_clients_posting_overlapping_articles(server, committed_engine, pipeline):
    barrier = threading.Barrier(CLIENTS)
    results: list[tuple[int, int, int]] = []  # (article index, status, id)
    failures: list[str] = []

    def client(c: int) -> None:
        # Each client posts 6 of the 12 articles, in its own order: every article is posted by ~10 at once.
        picks = [(c * 5 + k * 7) % len(ARTICLES) for k in range(6)]
        with httpx.Client(base_url=server, timeout=120) as http:
            barrier.wait()
            for n in picks:
                response = http.post("/articles", json=ARTICLES[n])
                if response.status_code not in (200, 201):
                    failures.append(f"{n}: {response.status_code} {response.text[:200]}")
                    continue
                results.append((n, response.status_code, response.json()["id"]))
                if n == picks[0]:  # and, amid the ingests, a name for one of the speakers
                    speaker_id = response.json()["quotes"][0]["speaker"]["id"]
                    alias = http.post(f"/speakers/{speaker_id}/aliases", json={"name": f"Alias {c}"})
                    if alias.status_code != 200:
                        failures.append(f"alias {c}: {alias.status_code} {alias.text[:200]}")

    threads = [threading.Thread(target=client, args=(c,)) for c in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert failures == []
    posted = {n for n, _, _ in results}
    assert len(results) == CLIENTS * 6
    created = Counter(n for n, status, _ in results if status == 201)
    assert created == Counter(posted), "every article is created exactly once"
    ids = {n: {i for m, _, i in results if m == n} for n in posted}
    assert all(len(v) == 1 for v in ids.values()), "every post of one article answers the same id"

    with Session(committed_engine) as session:
        assert session.exec(select(func.count()).select_from(Article)).one() == len(posted)
        speakers = session.exec(select(Speaker)).all()
        by_name = Counter(s.norm_name for s in speakers)
        assert all(n == 1 for n in by_name.values()), by_name
        for name in ("احمد سالم", "سمير حداد", "ليلى منصور"):
            assert by_name[normalize(name)] == 1
        # No lost quote: each article holds what the pipeline finds in it, and counters agree.
        for n in posted:
            stored = session.exec(select(Quote.statement).where(Quote.article_id == ids[n].pop())
                                  .order_by(Quote.start)).all()
            assert stored == [q.statement for q in pipeline.analyze(ARTICLES[n]["text"]).quotes]
        aliases = session.exec(select(SpeakerAlias.alias).where(col(SpeakerAlias.alias).startswith("Alias "))).all()
        assert sorted(aliases) == sorted(f"Alias {c}" for c in range(CLIENTS))
        per_speaker = Counter(session.exec(select(Quote.speaker_id)).all())
        assert {s.id: s.quote_count for s in speakers if s.quote_count} == dict(per_speaker)
