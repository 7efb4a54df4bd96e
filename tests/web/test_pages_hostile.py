"""The pages and the speaker writes as a hostile client sees them: cursors from other lists,
huge or broken fields, split names at and past their limit, merged ids. Every answer is a 4xx
(a page with the reason for a form) or a proper page, and nothing stored changes."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, func, select

from app.models import Quote, Speaker
from app.pagination import encode_cursor

TWO_SPEAKERS = {"title": "t", "text": "قال زيد بن علي إن الجو جميل جدا اليوم. وقال عمرو بن خالد إن الحرب انتهت منذ زمن."}
OTHER_SPEAKER = {"title": "u", "text": "قال سعيد الحربي إن السوق مغلقة منذ أسبوع."}


def _stored(session: Session) -> tuple[int, dict[int, int]]:
    """Quotes stored, and each speaker's quote_count where it disagrees with its quotes."""
    quotes = session.exec(select(func.count()).select_from(Quote)).one()
    real = dict(session.exec(select(Quote.speaker_id, func.count()).group_by(Quote.speaker_id)).all())
    wrong = {i: c for i, c in session.exec(select(Speaker.id, Speaker.quote_count)).all() if c != real.get(i, 0)}
    return quotes, wrong


@pytest.fixture
def two(client: TestClient) -> tuple[int, int]:
    response = client.post("/articles", json=TWO_SPEAKERS)
    assert response.status_code == 201
    ids = sorted({q["speaker"]["id"] for q in response.json()["quotes"]})
    assert len(ids) == 2
    return ids[0], ids[1]


CURSORS = {
    "garbage": "!!!",
    "a /speakers cursor": encode_cursor("speaker", 5),
    "an /articles cursor": encode_cursor("article", "2020-01-01T00:00:00+00:00", 1),
    "a string": encode_cursor("quote", "x"),
    "a date past UTC": encode_cursor("quote", "9999-12-31T23:59:59-14:00", 1),
    "a date before UTC": encode_cursor("quote", "0001-01-01T00:00:00+14:00", 1),
    "a date with no zone": encode_cursor("quote", "2020-01-01T00:00:00", 1),
    "an id past INTEGER": encode_cursor("quote", "2020-01-01T00:00:00+00:00", 2**40),
    "a float id": encode_cursor("quote", "2020-01-01T00:00:00+00:00", 1.5),
    "three values": encode_cursor("quote", "2020-01-01T00:00:00+00:00", 1, 2),
}


@pytest.mark.parametrize("cursor", CURSORS.values(), ids=CURSORS.keys())
def test_foreign_and_broken_cursors_on_pages_are_422(client: TestClient, two: tuple[int, int], cursor: str) -> None:
    for url, params in [("/", {}), ("/", {"q": "زيد بن علي"}), ("/", {"q": "الحرب", "by": "words"}),
                        (f"/speaker/{two[0]}", {})]:
        assert client.get(url, params={**params, "cursor": cursor}).status_code == 422, url


def test_an_articles_cursor_on_quotes_is_422(client: TestClient, two: tuple[int, int]) -> None:
    """Cursors name the list that issued them: one of another list, though of the same shape (a
    time and an id), is refused rather than read as a position in this one."""
    client.post("/articles", json=OTHER_SPEAKER)
    cursor = client.get("/articles", params={"limit": 1}).json()["next_cursor"]
    assert cursor
    assert client.get("/quotes", params={"cursor": cursor}).status_code == 422
    assert client.get("/", params={"cursor": cursor}).status_code == 422
    assert client.get("/articles", params={"cursor": cursor}).status_code == 200


@pytest.mark.parametrize("bad_id", ["-1", "0", "2147483648", "99999999999999999999", "abc", "1.5", "1e3"])
def test_bad_ids_on_pages_and_split_are_422(client: TestClient, bad_id: str) -> None:
    assert client.get(f"/speaker/{bad_id}").status_code == 422
    assert client.get(f"/article/{bad_id}").status_code == 422
    assert client.post(f"/speakers/{bad_id}/split", json={"name": "x"}).status_code == 422
    assert client.post(f"/speaker/{bad_id}/split", data={"name": "x"}).status_code == 422


def test_a_long_search_is_422(client: TestClient) -> None:
    assert client.get("/", params={"q": "ا" * 10_000}).status_code == 422


@pytest.mark.parametrize(("name", "words"), [("ا" * 500, "not known by that name"),
                                             ("ا" * 501, "at most 500 characters"),
                                             ("زيد بن علي", "own name"), ("a\x00b", "NUL")])
def test_split_refusals_are_422_with_the_reason_and_change_nothing(
    client: TestClient, session: Session, two: tuple[int, int], name: str, words: str,
) -> None:
    before = _stored(session)
    api = client.post(f"/speakers/{two[0]}/split", json={"name": name})
    page = client.post(f"/speaker/{two[0]}/split", data={"name": name})
    assert api.status_code == 422 and words in api.json()["detail"]
    assert page.status_code == 422 and 'role="alert"' in page.text
    assert _stored(session) == before


def test_a_merged_id_cannot_be_split_or_merged_and_names_its_target(
    client: TestClient, session: Session, two: tuple[int, int],
) -> None:
    kept, merged = two
    merged_name = client.get(f"/speakers/{merged}").json()["name"]
    assert client.post(f"/speakers/{kept}/merge", json={"speaker_id": merged}).status_code == 200
    before = _stored(session)
    for response in (client.post(f"/speakers/{merged}/split", json={"name": merged_name}),
                     client.post(f"/speakers/{merged}/merge", json={"speaker_id": kept}),
                     client.post(f"/speakers/{kept}/merge", json={"speaker_id": merged})):
        assert response.status_code == 404 and response.json()["merged_into"] == kept
    assert _stored(session) == before
    moved = client.post(f"/speakers/{kept}/split", json={"name": merged_name})
    assert moved.status_code == 200 and moved.json()["quote_count"] == 1
    assert _stored(session) == (before[0], {})


def test_a_merged_id_is_never_given_to_a_new_speaker(client: TestClient, two: tuple[int, int]) -> None:
    """SQLite gives the largest id again once its row is deleted: a merged id would then show
    another person instead of leading to the speaker it was merged into."""
    kept, merged = two
    assert merged > kept
    assert client.post(f"/speakers/{kept}/merge", json={"speaker_id": merged}).status_code == 200
    new = client.post("/articles", json=OTHER_SPEAKER).json()["quotes"][0]["speaker"]["id"]
    assert new != merged
    assert client.get(f"/speakers/{merged}").json().get("merged_into") == kept
    assert client.get(f"/speaker/{merged}", follow_redirects=False).headers["location"] == f"/speaker/{kept}"


def test_a_stored_url_that_is_not_http_is_never_a_link(client: TestClient, session: Session) -> None:
    """Rows stored before urls were checked: the article page links only http(s) addresses."""
    from app.models import Article

    posted = client.post("/articles", json={"text": "قال الوزير سامي العلي إن الوضع مستقر.",
                                            "url": "https://example.com/a"})
    assert posted.status_code == 201, posted.text
    article = session.get(Article, posted.json()["id"])
    article.url = "javascript:alert(document.domain)"
    session.add(article)
    session.commit()
    page = client.get(f"/article/{article.id}")
    assert page.status_code == 200
    assert "javascript:" not in page.text


def test_a_speaker_quoted_at_the_ends_of_the_calendar_has_a_small_page(client: TestClient) -> None:
    """Dates from year 1 to 9999 are valid: the page answers, its chart stays small."""
    ids = set()
    for day, words in (("0001-01-01", "الوضع مستقر"), ("9999-12-31", "المفاوضات مستمرة")):
        posted = client.post("/articles", json={"text": f"قال الوزير سامي العلي إن {words}.", "published_at": day})
        assert posted.status_code == 201, posted.text
        ids |= {q["speaker"]["id"] for q in posted.json()["quotes"]}
    assert len(ids) == 1
    page = client.get(f"/speaker/{ids.pop()}")
    assert page.status_code == 200
    assert page.text.count("<rect") <= 240 and len(page.content) < 200_000
    assert "0001-01" in page.text
