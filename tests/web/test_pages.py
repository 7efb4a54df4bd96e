"""The HTML pages through FastAPI's TestClient (no browser): search, speaker, article, add,
offline /docs, the stable data-* hooks, and the key rule of the write form."""
from __future__ import annotations

import re
from html import unescape

import httpx
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from app.api import pages
from app.api.articles import SEED_EXAMPLE
from app.db import get_session
from app.main import create_app
from app.services import query
from tests.web.html_refs import foreign_assets, with_attribute


@pytest.fixture
def seeded(client: TestClient) -> dict:
    response = client.post("/articles", json=SEED_EXAMPLE)
    assert response.status_code == 201
    article = response.json()
    assert article["quotes"], "the example article has statements"
    return article


def _card_ids(html: str) -> list[int]:
    return [int(a["data-quote-id"]) for a in with_attribute(html, "article", "data-quote-id")]


def test_home_is_arabic_first_with_one_search_box(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    html = response.text
    assert re.search(r'<html lang="ar" dir="rtl">', html)
    assert len(with_attribute(html, "input", "name")) == 1 and with_attribute(html, "input", "name")[0]["name"] == "q"
    assert "لا اقتباسات" in html


@pytest.mark.parametrize("typed", ["غيراسيموف", "Gerasimov", "فاليري جيراسيموف"])
def test_a_name_in_any_spelling_finds_the_speakers_quote_cards(client: TestClient, seeded: dict, typed: str) -> None:
    speaker = seeded["quotes"][0]["speaker"]
    html = client.get("/", params={"q": typed}).text
    wanted = client.get("/quotes", params={"speaker": typed}).json()["items"]
    assert wanted and _card_ids(html) == [q["id"] for q in wanted]  # the JSON API's answer, newest first
    speaker_links = {a["data-speaker-id"] for a in with_attribute(html, "a", "data-speaker-id")}
    assert str(speaker["id"]) in speaker_links
    assert {a["data-article-id"] for a in with_attribute(html, "a", "data-article-id")} == {str(seeded["id"])}
    assert "الثقة" in html and seeded["title"] in html and "2017-12-06" in html


def test_words_find_statements(client: TestClient, seeded: dict) -> None:
    html = client.get("/", params={"q": "تشكيلات داعش"}).text
    assert _card_ids(html) == [q["id"] for q in client.get("/quotes", params={"q": "تشكيلات داعش"}).json()["items"]]
    assert _card_ids(html)
    assert _card_ids(client.get("/", params={"q": "كلمةلاتوجد"}).text) == []


def test_search_pages_follow_keyset_cursors(client: TestClient, seeded: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages, "PAGE_SIZE", 1)
    seen, url = [], "/?q=غيراسيموف"
    while url:
        html = client.get(url).text
        seen += _card_ids(html)
        nexts = [a["href"] for a in with_attribute(html, "a", "rel") if a["rel"] == "next"]
        url = nexts[0] if nexts else None
    assert seen == [q["id"] for q in client.get("/quotes", params={"speaker": "غيراسيموف"}).json()["items"]]
    assert len(seen) >= 2


def test_speaker_page_shows_names_roles_count_timeline_and_quotes(client: TestClient, seeded: dict) -> None:
    speaker = client.get(f"/speakers/{seeded['quotes'][0]['speaker']['id']}").json()
    html = client.get(f"/speaker/{speaker['id']}").text
    assert f"<h1>{speaker['name']}</h1>" in html
    assert f'<dd class="quote-count">{speaker["quote_count"]}</dd>' in html
    assert all(alias in html for alias in speaker["aliases"]) and all(role in html for role in speaker["roles"])
    months = with_attribute(html, "g", "data-month")
    assert [(m["data-month"], m["data-count"]) for m in months] == [("2017-12", str(speaker["quote_count"]))]
    assert len(_card_ids(html)) == speaker["quote_count"]


def test_a_merged_speaker_page_leads_to_the_one_it_was_merged_into(client: TestClient, seeded: dict) -> None:
    other = client.post("/articles", json={"text": "وقال الوزير سيرغي لافروف إن \"المفاوضات ستستأنف قريبا\".",
                                           "published_at": "2018-01-02T00:00:00Z"}).json()
    source, target = other["quotes"][0]["speaker"]["id"], seeded["quotes"][0]["speaker"]["id"]
    assert client.post(f"/speakers/{target}/merge", json={"speaker_id": source}).status_code == 200
    response = client.get(f"/speaker/{source}", follow_redirects=False)
    assert response.status_code == 307 and response.headers["location"] == f"/speaker/{target}"
    assert client.get(f"/speaker/{2**31 - 1}").status_code == 404


def test_article_page_marks_each_statement_with_its_speaker_and_the_entities(
    client: TestClient, seeded: dict
) -> None:
    html = client.get(f"/article/{seeded['id']}").text
    marks = with_attribute(html, "mark", "data-quote-id")
    assert [int(m["data-quote-id"]) for m in marks] == [q["id"] for q in seeded["quotes"]]
    for quote in seeded["quotes"]:
        inner = re.search(rf'<mark data-quote-id="{quote["id"]}"[^>]*>(.*?)</mark>', html, re.DOTALL).group(1)
        assert re.sub(r"<[^>]+>", "", inner) == SEED_EXAMPLE["text"][quote["start"]:quote["end"]]
        assert quote["speaker"]["name"] in re.search(rf'<mark data-quote-id="{quote["id"]}"[^>]*>', html).group(0)
    entity_texts = [e["text"] for e in seeded["entities"]]
    assert entity_texts and len(with_attribute(html, "span", "data-entity")) >= len(entity_texts)
    aside = html[html.index('<aside class="article-speakers">'):]
    assert {q["speaker"]["name"] for q in seeded["quotes"]} <= set(re.findall(r'data-speaker-id="\d+">([^<]+)<', aside))
    assert client.get("/article/999999").status_code == 404


def test_add_form_stores_the_article_and_shows_it(client: TestClient) -> None:
    assert with_attribute(client.get("/add").text, "textarea", "name")[0]["name"] == "text"
    form = {"text": SEED_EXAMPLE["text"], "title": "عنوان", "source": "RT Arabic", "published_at": "2017-12-06"}
    response = client.post("/add", data=form, follow_redirects=False)
    assert response.status_code == 303
    article_id = int(response.headers["location"].rsplit("/", 1)[1])
    stored = client.get(f"/articles/{article_id}").json()
    assert stored["title"] == "عنوان" and stored["quotes"] and stored["published_at"].startswith("2017-12-06")
    again = client.post("/add", data=form, follow_redirects=False)  # the same text: the stored article
    assert again.headers["location"] == f"/article/{article_id}"


@pytest.mark.parametrize(("form", "words"), [
    ({"text": "  "}, "paste the article's text"),
    ({"text": "نص", "published_at": "yesterday"}, "published_at"),
    ({"text": "نص\x00"}, "NUL"),
])
def test_add_form_refuses_bad_input_clearly_and_keeps_what_was_typed(
    client: TestClient, form: dict, words: str
) -> None:
    response = client.post("/add", data=form)
    assert response.status_code == 422
    assert 'role="alert"' in response.text and words in unescape(response.text)
    assert client.get("/articles").json()["items"] == []


def test_add_form_asks_for_a_key_when_keys_are_set(session, pipeline, settings) -> None:  # noqa: ANN001
    keyed = settings.model_copy(update={"api_keys": [SecretStr("s3cret")]})
    app = create_app(settings=keyed, pipeline=pipeline, http_client=httpx.Client(transport=httpx.MockTransport(
        lambda request: httpx.Response(404))))
    app.dependency_overrides[get_session] = lambda: session
    with TestClient(app) as client:
        assert with_attribute(client.get("/add").text, "input", "type")[-1]["name"] == "api_key"
        form = {"text": SEED_EXAMPLE["text"]}
        assert client.post("/add", data=form).status_code == 401
        refused = client.post("/add", data={**form, "api_key": "wrong"})
        assert refused.status_code == 401 and "not valid" in refused.text
        assert client.get("/articles").json()["items"] == []
        added = client.post("/add", data={**form, "api_key": "s3cret"}, follow_redirects=False)
        assert added.status_code == 303
        speaker_id = client.get(added.headers["location"].replace("/article/", "/articles/")).json()[
            "quotes"][0]["speaker"]["id"]
        assert with_attribute(client.get(f"/speaker/{speaker_id}").text, "input", "name")[-1]["name"] == "api_key"
        for key in ("", "wrong"):
            refused = client.post(f"/speaker/{speaker_id}/alias", data={"name": "Gerasimov", "api_key": key})
            assert refused.status_code == 401 and 'role="alert"' in refused.text
        assert "Gerasimov" not in client.get(f"/speakers/{speaker_id}").json()["aliases"]
        assert client.post(f"/speaker/{speaker_id}/alias", data={"name": "Gerasimov", "api_key": "s3cret"},
                           follow_redirects=False).status_code == 303
        assert client.get("/").status_code == 200  # reads stay open, as in the API


def test_docs_work_offline_from_the_apps_own_swagger_ui(client: TestClient) -> None:
    html = client.get("/docs").text
    scripts = [a["src"] for a in with_attribute(html, "script", "src")]
    assert scripts == ["/swagger-ui/swagger-ui-bundle.js"]
    for asset in scripts + [a["href"] for a in with_attribute(html, "link", "href")]:
        assert client.get(asset).status_code == 200, asset
    assert client.get("/redoc").status_code == 404


def test_no_page_loads_anything_from_another_host(client: TestClient, seeded: dict) -> None:
    speaker_id = seeded["quotes"][0]["speaker"]["id"]
    pages = {url: client.get(url) for url in [
        "/", "/?q=Gerasimov", "/?q=داعش&by=words", f"/speaker/{speaker_id}", f"/article/{seeded['id']}", "/add",
        "/docs", "/docs/oauth2-redirect"]}
    pages["refused /add"] = client.post("/add", data={"text": "latin only"})
    pages["refused merge"] = client.post(f"/speaker/{speaker_id}/merge", data={"other_id": "abc"})
    for url, response in pages.items():
        assert response.headers["content-type"].startswith("text/html"), url
        html = response.text
        assert foreign_assets(html) == [], url
        loaded = [a["src"] for a in with_attribute(html, "script", "src")] + [
            a["href"] for a in with_attribute(html, "link", "href")]
        for asset in loaded:
            assert client.get(asset).status_code == 200, asset
    assert foreign_assets('<script src="https://cdn.example/x.js"></script><p style="background:url(//a.b/c)">') == [
        "https://cdn.example/x.js", "//a.b/c"]


def test_speaker_page_forms_alias_merge_and_split(client: TestClient, seeded: dict) -> None:
    gerasimov = seeded["quotes"][0]["speaker"]["id"]
    added = client.post(f"/speaker/{gerasimov}/alias", data={"name": "Valery Gerasimov"}, follow_redirects=False)
    assert added.status_code == 303 and added.headers["location"] == f"/speaker/{gerasimov}"
    assert "Valery Gerasimov" in client.get(f"/speakers/{gerasimov}").json()["aliases"]
    other = client.post("/articles", json={"text": "وقال الوزير سيرغي لافروف إن \"المفاوضات ستستأنف قريبا\"."}).json()
    lavrov = other["quotes"][0]["speaker"]["id"]
    merged = client.post(f"/speaker/{gerasimov}/merge", data={"other_id": str(lavrov)}, follow_redirects=False)
    assert merged.status_code == 303
    assert client.get(f"/speakers/{lavrov}").status_code == 404
    lavrov_name = other["quotes"][0]["speaker"]["name"]
    split = client.post(f"/speaker/{gerasimov}/split", data={"name": lavrov_name}, follow_redirects=False)
    assert split.status_code == 303 and split.headers["location"] != f"/speaker/{gerasimov}"
    assert client.get(split.headers["location"].replace("/speaker/", "/speakers/")).json()["quote_count"] == 1


@pytest.mark.parametrize(("action", "form", "status"), [
    ("merge", {"other_id": "abc"}, 422),
    ("merge", {"other_id": "999999"}, 404),
    ("alias", {"name": " "}, 422),
    ("split", {"name": "اسم لا يحمله"}, 422),
])
def test_speaker_page_forms_refuse_clearly(client: TestClient, seeded: dict, action: str, form: dict,
                                           status: int) -> None:
    speaker_id = seeded["quotes"][0]["speaker"]["id"]
    before = client.get(f"/speakers/{speaker_id}").json()
    response = client.post(f"/speaker/{speaker_id}/{action}", data=form)
    assert response.status_code == status and 'role="alert"' in response.text
    assert client.get(f"/speakers/{speaker_id}").json() == before


def test_pages_need_a_key_when_reads_are_protected(session, pipeline, settings) -> None:  # noqa: ANN001
    guarded = settings.model_copy(update={"api_keys": [SecretStr("s3cret")], "protect_reads": True})
    app = create_app(settings=guarded, pipeline=pipeline)
    app.dependency_overrides[get_session] = lambda: session
    with TestClient(app) as client:
        assert client.get("/").status_code == 401
        assert client.get("/", headers={"Authorization": "Bearer s3cret"}).status_code == 200
        assert client.get("/docs").status_code == 200  # the docs page holds no data


# The same spelling, another script, a first name alone and a name cut short (no same-spelling
# or same-skeleton tier: every candidate is scored), words, and either mode asked for.
@pytest.mark.parametrize(("typed", "by"), [("غيراسيموف", None), ("Gerasimov", None), ("فاليري", None),
                                           ("غيراسيمو", None), ("تشكيلات داعش", None),
                                           ("فاليري جيراسيموف", "speaker"), ("غيراسيموف", "words")])
def test_home_search_ranks_the_names_once(client: TestClient, seeded: dict, monkeypatch: pytest.MonkeyPatch,
                                          typed: str, by: str | None) -> None:
    """The speakers offered, the mode and the speaker's quotes come from one ranking, and are
    what the JSON API answers for the same text."""
    calls = []
    rank = query._ranked
    monkeypatch.setattr(query, "_ranked", lambda *args: calls.append(args) or rank(*args))
    html = client.get("/", params={"q": typed, **({"by": by} if by else {})}).text
    assert len(calls) == 1
    found = re.search(r'<section class="speakers-found">.*?</section>', html, re.S)
    offered = [int(a["data-speaker-id"]) for a in with_attribute(found[0] if found else "", "a", "data-speaker-id")]
    api_speakers = client.get("/speakers", params={"q": typed, "limit": pages.SPEAKERS_SHOWN}).json()["items"]
    assert offered == [s["id"] for s in api_speakers]
    by_name = by or ("speaker" if client.get("/quotes", params={"speaker": typed}).json()["items"] else "words")
    wanted = client.get("/quotes", params={"speaker" if by_name == "speaker" else "q": typed}).json()["items"]
    assert _card_ids(html) == [q["id"] for q in wanted]
