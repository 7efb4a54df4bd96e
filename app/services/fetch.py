"""Fetch an article by url: bounded in time, size and redirects, never into the service's
own network unless allowed, and reduced to its title and text by trafilatura."""
from __future__ import annotations

import ipaddress
import json
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx
import trafilatura

from app.errors import FetchFailed
from app.models import TITLE_COLUMN_CHARS

Resolver = Callable[[str], list[str]]


@dataclass(frozen=True)
class FetchedPage:
    url: str
    title: str | None
    text: str


def resolve_host(host: str) -> list[str]:
    try:
        return sorted({info[4][0] for info in socket.getaddrinfo(host, None)})
    except socket.gaierror as exc:
        raise FetchFailed(f"host {host!r} could not be resolved") from exc


def check_public(url: str, *, resolve: Resolver) -> str:
    """Refuse loopback, private, link-local, metadata and other non-public targets; returns
    the checked address to connect to."""
    try:
        parts = urlsplit(url)
        host, _ = parts.hostname, parts.port
    except ValueError as exc:  # an unclosed IPv6 bracket, a port out of range
        raise FetchFailed(f"{url!r} is not a valid url") from exc
    if parts.scheme not in ("http", "https") or not host:
        raise FetchFailed(f"only http and https urls can be fetched, not {url!r}")
    addresses = [ipaddress.ip_address(address.split("%")[0]) for address in resolve(host)]
    for ip in addresses:
        if not ip.is_global or ip.is_multicast:
            raise FetchFailed(f"{host} resolves to a non-public address ({ip}); refused")
    if not addresses:
        raise FetchFailed(f"host {host!r} could not be resolved")
    return str(addresses[0])


def pinned_request(url: str, address: str) -> tuple[str, dict[str, str], dict[str, str]]:
    """The url with its host replaced by the checked address, and the Host header and TLS
    server name that keep it the same request: the connection goes where the check looked,
    even if the name would resolve elsewhere a moment later (DNS rebinding)."""
    parts = urlsplit(url)
    literal = f"[{address}]" if ":" in address else address
    port = f":{parts.port}" if parts.port else ""
    target = urlunsplit((parts.scheme, literal + port, parts.path, parts.query, ""))
    host = parts.netloc.rpartition("@")[2]
    return target, {"Host": host}, {"sni_hostname": parts.hostname or ""}


def fetch_article(
    url: str,
    *,
    client: httpx.Client,
    max_bytes: int,
    max_redirects: int,
    deadline_seconds: float,
    allow_private: bool = False,
    resolve: Resolver = resolve_host,
) -> FetchedPage:
    """The page's title and text; the whole fetch, redirects included, ends within
    `deadline_seconds` (and one read timeout): a server dripping a byte at a time cannot hold it."""
    html, final_url = _download(
        url, client=client, max_bytes=max_bytes, max_redirects=max_redirects,
        allow_private=allow_private, resolve=resolve, deadline=time.monotonic() + deadline_seconds,
    )
    extracted = trafilatura.extract(html, url=final_url, output_format="json", with_metadata=True)
    data = json.loads(extracted) if extracted else {}
    text = (data.get("text") or "").strip()
    if not text:
        raise FetchFailed(f"no article text could be extracted from {final_url}")
    title = (data.get("title") or "").strip() or None
    return FetchedPage(url=final_url, title=title and title[:TITLE_COLUMN_CHARS].strip(),
                       text=f"{title}\n{text}" if title else text)


def _download(
    url: str, *, client: httpx.Client, max_bytes: int, max_redirects: int, allow_private: bool, resolve: Resolver,
    deadline: float,
) -> tuple[str, str]:
    for _ in range(max_redirects + 1):
        if time.monotonic() > deadline:
            raise FetchFailed(f"{url} did not answer in time")
        target, headers, extensions = (
            (url, {}, {}) if allow_private else pinned_request(url, check_public(url, resolve=resolve))
        )
        try:
            with client.stream("GET", target, headers=headers, extensions=extensions,
                               follow_redirects=False) as response:
                if response.is_redirect:
                    url = urljoin(url, response.headers.get("location", ""))
                    continue
                if response.status_code != 200:
                    raise FetchFailed(f"{url} answered HTTP {response.status_code}")
                content_type = response.headers.get("content-type", "text/html")
                if "html" not in content_type and "text/plain" not in content_type:
                    raise FetchFailed(f"{url} is {content_type}, not an HTML page")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > max_bytes:
                        raise FetchFailed(f"{url} is larger than {max_bytes} bytes")
                    if time.monotonic() > deadline:
                        raise httpx.TimeoutException("the fetch's deadline passed")
                return body.decode(response.encoding or "utf-8", errors="replace"), url
        except httpx.TimeoutException as exc:
            raise FetchFailed(f"{url} did not answer in time") from exc
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise FetchFailed(f"{url} could not be fetched: {exc.__class__.__name__}") from exc
    raise FetchFailed(f"more than {max_redirects} redirects from the url given")
