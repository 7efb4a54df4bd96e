"""What an HTML page refers to, read with the standard library's parser (tests only)."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

ASSET_ATTRIBUTES = {("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src"),
                    ("video", "src"), ("audio", "src"), ("object", "data"), ("form", "action")}


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.assets: list[str] = []
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.inline: list[str] = []  # style attributes and <style> text: may hold url(...)
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        self.assets += [v for (t, a), v in ((k, attributes.get(k[1])) for k in ASSET_ATTRIBUTES if k[0] == tag) if v]
        if attributes.get("style"):
            self.inline.append(attributes["style"])
        self._in_style = tag == "style"

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.inline.append(data)


def parse(html: str) -> Collector:
    collector = Collector()
    collector.feed(html)
    return collector


def foreign_assets(html: str) -> list[str]:
    """Assets (scripts, styles, images, form targets, CSS urls) a page would load from another host."""
    page = parse(html)
    urls = page.assets + [u for text in page.inline for u in re.findall(r"url\(['\"]?([^'\")]+)", text)]
    return [url for url in urls if urlsplit(url).netloc or urlsplit(url).scheme not in ("", "data")]


def with_attribute(html: str, tag: str, attribute: str) -> list[dict[str, str | None]]:
    return [attrs for t, attrs in parse(html).elements if t == tag and attribute in attrs]
