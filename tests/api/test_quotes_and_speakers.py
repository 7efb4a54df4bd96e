"""GET /quotes and /speakers: who said what, by name as typed, paginated and filtered."""
from __future__ import annotations

import pytest

from tests.api.test_articles import assert_problem

GERASIMOV = "فاليري غيراسيموف"


@pytest.fixture
def seed_id(client, seed_article) -> int:
    r = client.post("/articles", json={"text": seed_article["text"], "published_at": "2017-12-06T10:00:00Z"})
    assert r.status_code == 201
    return r.json()["id"]


def all_pages(client, path: str, **params) -> list[dict]:
    items, cursor = [], None
    while True:
        page = client.get(path, params={**params, **({"cursor": cursor} if cursor else {})}).json()
        items += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return items


@pytest.mark.parametrize("name", ["غيراسيموف", "فاليري غيراسيموف", "غيراسيمُوف", "فاليرى غيراسيموف"])
def test_what_did_gerasimov_say(client, seed_id, name):
    quotes = client.get("/quotes", params={"speaker": name, "limit": 50}).json()["items"]
    assert len(quotes) == 12
    assert {q["speaker"]["name"] for q in quotes} == {GERASIMOV}
    assert all(q["article"]["id"] == seed_id for q in quotes)


def test_quote_pages_cover_everything_once(client, seed_id):
    paged = all_pages(client, "/quotes", speaker="غيراسيموف", limit=5)
    assert len(paged) == 12 and len({q["id"] for q in paged}) == 12


def test_quote_filters(client, seed_id, seed_article):
    raqqa = client.get("/quotes", params={"q": "الرقة"}).json()["items"]
    assert raqqa and all("الرقة" in q["statement"] for q in raqqa)
    for kind in ("direct", "indirect", "mixed"):
        assert all(q["type"] == kind for q in client.get("/quotes", params={"type": kind}).json()["items"])
    assert len(client.get("/quotes", params={"article_id": seed_id, "limit": 50}).json()["items"]) == 13
    assert client.get("/quotes", params={"since": "2018-01-01T00:00:00Z"}).json()["items"] == []
    assert len(client.get("/quotes", params={"until": "2018-01-01T00:00:00Z", "limit": 50}).json()["items"]) == 13
    assert client.get("/quotes", params={"speaker": "شخص لا وجود له"}).json() == {"items": [], "next_cursor": None}


def test_speakers_search_read_and_their_quotes(client, seed_id):
    found = client.get("/speakers", params={"q": "غيراسيموف"}).json()["items"]
    assert [s["name"] for s in found] == [GERASIMOV]
    speaker = client.get(f"/speakers/{found[0]['id']}").json()
    assert speaker["quote_count"] == 12 and speaker["kind"] == "person"
    assert "غيراسيموف" in speaker["aliases"]
    quotes = all_pages(client, f"/speakers/{speaker['id']}/quotes", limit=4)
    assert len(quotes) == 12
    everyone = all_pages(client, "/speakers", limit=1)
    assert len(everyone) == len({s["id"] for s in everyone}) >= 2


@pytest.mark.parametrize("path, params", [
    ("/quotes", {"limit": 0}), ("/quotes", {"limit": 10**9}), ("/quotes", {"cursor": "not-a-cursor"}),
    ("/quotes", {"cursor": "W10"}), ("/quotes", {"type": "rumour"}), ("/quotes", {"since": "soon"}),
    ("/quotes", {"article_id": -1}), ("/speakers", {"cursor": "eyJ4IjoxfQ"}), ("/articles", {"limit": -5}),
    ("/speakers/0", {}), ("/speakers/99999999999999999999", {}),
])
def test_bad_parameters_are_422(client, path, params):
    assert_problem(client.get(path, params=params), 422)


def test_unknown_speaker_is_404(client):
    assert_problem(client.get("/speakers/424242"), 404)
    assert_problem(client.get("/speakers/424242/quotes"), 404)
    assert_problem(client.get("/no-such-route"), 404)


def test_the_example_article_answers_who_said_what(client, example_article):
    """The README's example (docs/examples/article.json), which needs nothing from ../shared."""
    posted = client.post("/articles", json=example_article)
    assert posted.status_code == 201, posted.text
    article = posted.json()
    assert all(example_article["text"][q["start"]:q["end"]] == q["statement"] for q in article["quotes"])
    said = {}
    for name in ("الخطيب", "النجار", "حداد"):
        quotes = client.get("/quotes", params={"speaker": name, "limit": 50}).json()["items"]
        said[name] = ({q["speaker"]["name"] for q in quotes}, len(quotes))
    assert said == {"الخطيب": ({"سامر الخطيب"}, 5), "النجار": ({"عمر النجار"}, 2), "حداد": ({"ليلى حداد"}, 2)}
    assert len(article["quotes"]) == 9 and {q["type"] for q in article["quotes"]} == {"direct", "indirect"}
    minister = client.get("/speakers", params={"q": "Samer al-Khatib"}).json()["items"][0]
    assert minister["name"] == "سامر الخطيب" and "وزير الطاقة" in minister["roles"]
