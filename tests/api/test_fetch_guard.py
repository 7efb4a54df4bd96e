"""Fetching by url cannot be turned against the service's own network: every host is checked
after DNS resolution, on every redirect, unless `fetch_allow_private_hosts` says otherwise."""
from __future__ import annotations

import ipaddress
import socket

import httpx
import pytest

from app.config import Settings
from app.services import fetch
from tests.api.test_articles import assert_problem, counts

PUBLIC = "93.184.216.34"
ARTICLE_HTML = ("<html><head><title>تصريح</title></head><body><article><h1>تصريح</h1>"
                + "<p>وقال المتحدث باسم الحكومة خالد يوسف إن \"الانتخابات ستجري في موعدها\". " * 5
                + "</p></article></body></html>")
# Host names and what a hostile DNS answers for them.
DNS = {
    "news.example": ["10.1.2.3"],
    "mixed.example": [PUBLIC, "192.168.1.10"],
    "v6.example": ["::1"],
    "mapped.example": ["::ffff:127.0.0.1"],
    "cloud.example": ["169.254.169.254"],
    "cgnat.example": ["100.64.0.7"],
    "public.example": [PUBLIC],
}


@pytest.fixture
def dns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Answer for the names above like a resolver would; numeric hosts resolve as usual."""
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in DNS:
            return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, 0))
                    for a in DNS[host]]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(fetch.socket, "getaddrinfo", getaddrinfo)


@pytest.fixture
def connections(http_transport: httpx.MockTransport) -> list[httpx.Request]:
    """Requests as they leave for the network; every one answers with an article unless it redirects."""
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        if request.url.path.startswith("/go/"):
            return httpx.Response(302, headers={"location": "http://" + request.url.path[len("/go/"):]})
        return httpx.Response(200, html=ARTICLE_HTML)

    http_transport.handler = handler
    return sent


def page_urls(requests: list[httpx.Request]) -> list[str]:
    """The urls requested as the page's own (its Host header), not the address connected to."""
    return [f"{r.url.scheme}://{r.headers['host']}{r.url.raw_path.decode()}" for r in requests]


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://localhost:8000/admin", "http://[::1]/", "http://[::ffff:127.0.0.1]/",
    "http://10.0.0.1/", "http://172.16.5.4/", "http://192.168.0.1/", "http://169.254.169.254/latest/meta-data/",
    "http://[fe80::1]/", "http://[fd00::1]/", "http://0.0.0.0/", "http://100.64.0.1/",
    # The same addresses written as decimal, octal, hex and short forms.
    "http://2130706433/", "http://0177.0.0.1/", "http://0x7f.0.0.1/", "http://127.1/",
    "http://0251.0376.0251.0376/", "http://2852039166/",
])
def test_private_literal_and_encoded_addresses_are_refused(client, session, dns, connections, url):
    before = counts(session)
    problem = assert_problem(client.post("/articles", json={"url": url}), 422)
    assert problem["type"] == "/problems/fetch-failed"
    assert connections == [] and counts(session) == before


@pytest.mark.parametrize("host", ["news.example", "mixed.example", "v6.example", "mapped.example",
                                  "cloud.example", "cgnat.example"])
def test_names_resolving_to_private_addresses_are_refused(client, dns, connections, host):
    problem = assert_problem(client.post("/articles", json={"url": f"http://{host}/story"}), 422)
    assert "non-public" in problem["detail"] and str(ipaddress.ip_address(DNS[host][-1])) in problem["detail"]
    assert connections == []


@pytest.mark.parametrize("target", ["127.0.0.1:8000/admin", "cloud.example/latest/meta-data", "[::1]/",
                                    "news.example/internal", f"{PUBLIC}/go/169.254.169.254/"])
def test_every_redirect_hop_is_checked(client, session, dns, connections, target):
    before = counts(session)
    problem = assert_problem(client.post("/articles", json={"url": f"http://public.example/go/{target}"}), 422)
    assert "non-public" in problem["detail"]
    assert all(("public.example" in url or PUBLIC in url) for url in page_urls(connections)), page_urls(connections)
    assert counts(session) == before


def test_public_hosts_are_fetched_through_redirects(client, dns, connections):
    response = client.post("/articles", json={"url": f"http://public.example/go/{PUBLIC}/story"})
    assert response.status_code == 201, response.text
    assert page_urls(connections) == [f"http://public.example/go/{PUBLIC}/story", f"http://{PUBLIC}/story"]


@pytest.mark.parametrize("settings", [Settings(database_url="sqlite://", fetch_allow_private_hosts=True)])
def test_the_setting_allows_private_hosts(client, dns, connections, settings):
    response = client.post("/articles", json={"url": "http://news.example/go/127.0.0.1:8080/story"})
    assert response.status_code == 201, response.text
    assert page_urls(connections) == ["http://news.example/go/127.0.0.1:8080/story", "http://127.0.0.1:8080/story"]


def test_the_connection_goes_to_the_checked_address(client, monkeypatch, connections):
    """DNS rebinding: the name answers a public address to the check, then loopback; the
    request still goes to the address that was checked, named by Host header and TLS SNI."""
    answers = iter([[PUBLIC], ["127.0.0.1"], ["127.0.0.1"]])
    monkeypatch.setattr(fetch.socket, "getaddrinfo", lambda host, port, *a, **k: [
        (socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, 0)) for address in next(answers)])
    response = client.post("/articles", json={"url": "https://rebind.example:8443/story?id=7"})
    assert response.status_code == 201, response.text
    assert response.json()["url"] == "https://rebind.example:8443/story?id=7"
    [request] = connections
    assert (request.url.host, request.url.port, request.url.raw_path) == (PUBLIC, 8443, b"/story?id=7")
    assert request.headers["host"] == "rebind.example:8443"
    assert request.extensions["sni_hostname"] == "rebind.example"


def test_check_public_resolves_before_judging():
    asked = []

    def resolver(host: str) -> list[str]:
        asked.append(host)
        return [PUBLIC, "127.0.0.1"] if host == "rebind.example" else [PUBLIC]

    assert fetch.check_public("https://ok.example/a", resolve=resolver) == PUBLIC
    with pytest.raises(fetch.FetchFailed, match="127.0.0.1"):
        fetch.check_public("https://rebind.example/a", resolve=resolver)
    with pytest.raises(fetch.FetchFailed, match="only http and https"):
        fetch.check_public("file:///etc/passwd", resolve=resolver)
    assert asked == ["ok.example", "rebind.example"]
