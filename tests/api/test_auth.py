"""API keys guard writes (and reads when configured), compared in constant time, never logged; CORS."""
from __future__ import annotations

import hmac
import logging

import pytest

from app.api import auth
from app.config import Settings
from tests.api.test_articles import SHORT, assert_problem, counts

KEYS = ("k-9f3a1c77d2", "k-second-0b5e")


@pytest.fixture
def settings() -> Settings:
    return Settings(database_url="sqlite://", api_keys=",".join(KEYS), cors_origins="https://news.example")


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_writes_without_a_valid_key_are_401_and_store_nothing(client, session):
    before = counts(session)
    for headers in ({}, bearer("k-wrong"), bearer(KEYS[0] + "x"), {"Authorization": f"Basic {KEYS[0]}"},
                    {"Authorization": "Bearer"}):
        problem = assert_problem(client.post("/articles", json={"text": SHORT}, headers=headers), 401)
        assert "API key" in problem["detail"]
    response = client.post("/articles", json={"text": SHORT})
    assert response.headers["www-authenticate"] == "Bearer"
    assert counts(session) == before


def test_any_configured_key_writes_and_reads_stay_open(client):
    created = client.post("/articles", json={"text": SHORT}, headers=bearer(KEYS[1]))
    assert created.status_code == 201, created.text
    assert client.post("/articles", json={"text": SHORT}, headers=bearer(KEYS[0])).status_code == 200
    assert client.get(f"/articles/{created.json()['id']}").status_code == 200
    assert client.get("/quotes").status_code == 200
    assert client.get("/speakers", params={"q": "سالم"}).status_code == 200


def test_a_valid_key_reaches_validation(client):
    """The key check comes first; past it, bad input still gets its own 422."""
    assert_problem(client.post("/articles", json={"text": ""}, headers=bearer(KEYS[0])), 422)


@pytest.mark.parametrize("settings", [Settings(database_url="sqlite://", api_keys=KEYS[0], protect_reads=True)])
def test_protect_reads_guards_reads_but_not_health(client, settings):
    assert_problem(client.get("/quotes"), 401)
    assert_problem(client.get("/speakers/1"), 401)
    assert client.get("/quotes", headers=bearer(KEYS[0])).status_code == 200
    assert client.get("/health").status_code == 200
    assert client.get("/openapi.json").status_code == 200


@pytest.mark.parametrize("settings", [Settings(database_url="sqlite://")])
def test_without_keys_or_origins_everything_is_open_and_no_cors(client, settings):
    assert client.post("/articles", json={"text": SHORT}).status_code == 201
    assert "access-control-allow-origin" not in client.get("/quotes", headers={"Origin": "https://x.example"}).headers
    assert "securitySchemes" not in client.get("/openapi.json").json()["components"]


def test_openapi_declares_the_bearer_scheme_and_401(client):
    spec = client.get("/openapi.json").json()
    assert spec["components"]["securitySchemes"]["APIKey"] == {
        "type": "http", "scheme": "bearer", "description": auth.bearer.model.description}
    post = spec["paths"]["/articles"]["post"]
    assert post["security"] == [{"APIKey": []}]
    assert "application/problem+json" in post["responses"]["401"]["content"]


def test_keys_are_never_logged(client, caplog):
    caplog.set_level(logging.DEBUG)
    client.post("/articles", json={"text": SHORT + " أخرى"}, headers=bearer(KEYS[0]))
    client.post("/articles", json={"text": SHORT}, headers=bearer("k-guess-1234"))
    client.get("/quotes", headers=bearer(KEYS[1]))
    logged = caplog.text + repr(client.app.state.settings) + str(client.app.state.settings.model_dump())
    for key in (*KEYS, "k-guess-1234"):
        assert key not in logged


def test_every_key_is_compared_in_constant_time(monkeypatch):
    compared = []
    real_compare = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        compared.append((len(a), len(b)))
        return real_compare(a, b)

    monkeypatch.setattr(auth.hmac, "compare_digest", spy)
    ring = auth.KeyRing(KEYS)
    assert ring.accepts(KEYS[0]) and ring.accepts(KEYS[1])
    assert not ring.accepts("k") and not ring.accepts(KEYS[0] * 100)
    # Every key is compared on every attempt, as equal-length digests.
    assert compared == [(32, 32)] * 8
    assert not auth.KeyRing([]).accepts("")


def test_keys_come_from_the_environment_comma_separated(monkeypatch):
    monkeypatch.setenv("API_KEYS", f" {KEYS[0]} , {KEYS[1]},")
    monkeypatch.setenv("CORS_ORIGINS", "https://a.example,https://b.example")
    settings = Settings()
    assert [k.get_secret_value() for k in settings.api_keys] == list(KEYS)
    assert settings.cors_origins == ["https://a.example", "https://b.example"]


def test_cors_allows_only_configured_origins(client):
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization"}
    allowed = client.options("/articles", headers={"Origin": "https://news.example", **preflight})
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://news.example"
    assert "authorization" in allowed.headers["access-control-allow-headers"].lower()
    refused = client.options("/articles", headers={"Origin": "https://evil.example", **preflight})
    assert "access-control-allow-origin" not in refused.headers
    simple = client.get("/quotes", headers={"Origin": "https://news.example"})
    assert simple.headers["access-control-allow-origin"] == "https://news.example"
