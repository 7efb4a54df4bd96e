"""POST/GET /articles: storage, idempotent re-posts, pagination, fetching by url, errors."""
from __future__ import annotations

import httpx
from sqlmodel import Session, func, select

from app.models import Article, Entity, Quote, Speaker

SHORT = "وقال وزير الخارجية أحمد سالم إن \"المفاوضات ستستأنف الأسبوع المقبل\"."


def counts(session: Session) -> tuple[int, ...]:
    return tuple(session.exec(select(func.count()).select_from(m)).one() for m in (Article, Quote, Speaker, Entity))


def assert_problem(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"] and "type" in body
    return body


def test_post_seed_article_stores_quotes_and_entities(client, seed_article):
    r = client.post("/articles", json={"text": seed_article["text"], "source": "سيريان تلغراف",
                                       "url": "https://example.com/seed", "published_at": "2017-12-06T10:00:00+03:00"})
    assert r.status_code == 201, r.text
    body = r.json()
    assert set(body) == {"id", "title", "url", "source", "published_at", "quotes", "entities"}
    assert body["published_at"].startswith("2017-12-06T07:00:00")
    assert len(body["quotes"]) == 13
    first = body["quotes"][0]
    assert set(first) == {"id", "statement", "type", "cue", "start", "end", "confidence", "mention", "speaker", "article"}
    assert seed_article["text"][first["start"]:first["end"]] == first["statement"]
    assert first["article"]["id"] == body["id"]
    labels = {(e["text"], e["label"]) for e in body["entities"]}
    assert ("فلاديمير بوتين", "PER") in labels
    for e in body["entities"]:
        assert seed_article["text"][e["start"]:e["end"]] == e["text"]


def test_reposting_same_text_or_url_creates_nothing(client, session):
    first = client.post("/articles", json={"text": SHORT, "url": "https://example.com/a"})
    assert first.status_code == 201
    before = counts(session)
    again_text = client.post("/articles", json={"text": SHORT})
    again_url = client.post("/articles", json={"text": SHORT + " تحديث", "url": "https://example.com/a"})
    assert again_text.status_code == again_url.status_code == 200
    assert again_text.json()["id"] == again_url.json()["id"] == first.json()["id"]
    assert counts(session) == before


def test_get_article_and_404(client):
    created = client.post("/articles", json={"text": SHORT, "title": "مفاوضات"}).json()
    got = client.get(f"/articles/{created['id']}")
    assert got.status_code == 200 and got.json() == created
    assert_problem(client.get("/articles/999999"), 404)
    assert_problem(client.get("/articles/abc"), 422)


def test_list_articles_paginates_newest_first_with_filters(client):
    ids = []
    for day in (1, 2, 3):
        r = client.post("/articles", json={"text": f"{SHORT} اليوم {day}", "source": "واس" if day < 3 else "سبق",
                                           "published_at": f"2020-01-0{day}T00:00:00Z"})
        ids.append(r.json()["id"])
    page1 = client.get("/articles", params={"limit": 2}).json()
    assert [a["id"] for a in page1["items"]] == [ids[2], ids[1]]
    assert page1["items"][0]["quote_count"] >= 1
    page2 = client.get("/articles", params={"limit": 2, "cursor": page1["next_cursor"]}).json()
    assert [a["id"] for a in page2["items"]] == [ids[0]] and page2["next_cursor"] is None
    only_was = client.get("/articles", params={"source": "واس"}).json()["items"]
    assert {a["id"] for a in only_was} == {ids[0], ids[1]}
    window = client.get("/articles", params={"since": "2020-01-02T00:00:00Z", "until": "2020-01-03T00:00:00Z"})
    assert [a["id"] for a in window.json()["items"]] == [ids[1]]


def test_bad_bodies_get_problem_details_and_change_nothing(client, session):
    client.post("/articles", json={"text": SHORT})
    before = counts(session)
    cases = [
        ({"title": "بلا نص"}, 422),
        ({"text": ""}, 422),
        ({"text": "   \n\t "}, 422),
        ({"text": "no arabic here at all"}, 422),
        ({"text": "قال \x00 أن"}, 422),
        ({"text": 42}, 422),
        ({"text": SHORT, "published_at": "yesterday"}, 422),
        ({"text": SHORT + " جديد", "colour": "red"}, 422),
    ]
    for body, status in cases:
        problem = assert_problem(client.post("/articles", json=body), status)
        assert problem["detail"], body
    assert_problem(client.post("/articles", content=b"{not json", headers={"content-type": "application/json"}), 422)
    assert_problem(client.post("/articles", content=b'{"text": "\xff\xfe"}',
                               headers={"content-type": "application/json"}), 422)
    assert counts(session) == before


def test_body_over_the_limit_is_413(client, settings):
    big = "قال " * (settings.max_body_bytes // 4 + 10)
    assert_problem(client.post("/articles", json={"text": big}), 413)
    chunks = (b'{"text": "' + b"a" * 100_000 for _ in range(12))
    assert_problem(client.post("/articles", content=chunks, headers={"content-type": "application/json"}), 413)


def test_post_url_fetches_and_extracts_the_article(client, http_transport):
    html = ("<html><head><title>لافروف يتحدث</title></head><body><article><h1>لافروف يتحدث</h1>"
            + "<p>وقال وزير الخارجية الروسي سيرغي لافروف إن \"الحوار هو الطريق الوحيد\". " * 5
            + "</p></article></body></html>")
    http_transport.handler = lambda request: httpx.Response(200, html=html)
    r = client.post("/articles", json={"url": "http://93.184.216.34/news/1"})
    assert r.status_code == 201, r.text
    assert r.json()["title"] == "لافروف يتحدث"
    assert r.json()["url"] == "http://93.184.216.34/news/1"
    assert client.post("/articles", json={"url": "http://93.184.216.34/news/1"}).status_code == 200


def test_post_url_errors_are_clear(client, http_transport):
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/missing":
            return httpx.Response(404)
        if request.url.path == "/pdf":
            return httpx.Response(200, content=b"%PDF", headers={"content-type": "application/pdf"})
        if request.url.path == "/to-internal":
            return httpx.Response(302, headers={"location": "http://127.0.0.1/admin"})
        if request.url.path == "/loop":
            return httpx.Response(302, headers={"location": "/loop"})
        if request.url.path == "/slow":
            raise httpx.ReadTimeout("slow", request=request)
        return httpx.Response(200, html="<html><body></body></html>")

    http_transport.handler = handler
    for path, words in [("/missing", "404"), ("/pdf", "application/pdf"), ("/to-internal", "non-public"),
                        ("/loop", "redirects"), ("/slow", "in time"), ("/empty", "no article text")]:
        problem = assert_problem(client.post("/articles", json={"url": f"http://93.184.216.34{path}"}), 422)
        assert words in problem["detail"], problem
    for url in ("http://127.0.0.1:8000/x", "http://169.254.169.254/latest/meta-data", "http://10.0.0.1/",
                "ftp://93.184.216.34/x", "http://[::1]/"):
        assert_problem(client.post("/articles", json={"url": url}), 422)


def test_health(client):
    r = client.get("/health")
    assert r.status_code == 200 and r.json() == {"status": "ok"}
