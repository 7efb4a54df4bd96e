"""Refuse strings a database cannot hold or compare — NUL characters (PostgreSQL text never
holds them) and unpaired surrogates (not Unicode at all; JSON lets `\\ud800` through) — wherever
they arrive, query or JSON body, with a 422 naming the place, before any service sees them."""
from __future__ import annotations

from collections.abc import Iterator

from fastapi import Request

from app.errors import InvalidInput


async def reject_unstorable_strings(request: Request) -> None:
    """Router dependency; the JSON body is the one FastAPI already parsed (Starlette caches it)."""
    for name, value in request.query_params.multi_items():
        _check(name, where="a query parameter name", extra={"parameter": name.replace("\x00", "")})
        _check(value, where=f"query parameter {name!r}", extra={"parameter": name})
    if "json" not in request.headers.get("content-type", "") or not await request.body():
        return
    try:
        body = await request.json()
    except (ValueError, UnicodeDecodeError):
        return  # FastAPI answers an unparsable body with its own 422
    for path, value in _strings(body, ("body",)):
        field = ".".join(path)
        _check(value, where=field, extra={"field": field})


def check_storable(fields: dict[str, str]) -> None:
    """The same refusal for the fields of an HTML form or page query."""
    for name, value in fields.items():
        _check(value, where=f"field {name!r}", extra={"field": name})


def _check(value: str, *, where: str, extra: dict[str, str]) -> None:
    if "\x00" in value:
        raise InvalidInput(f"{where} contains a NUL character", extra=extra)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidInput(f"{where} is not valid Unicode (an unpaired surrogate)", extra=extra) from exc


def _strings(value: object, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], str]]:
    """Every string in a parsed JSON document (keys included), with where it sits."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield path, key
            yield from _strings(item, (*path, _printable(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, str(index)))


def _printable(key: str) -> str:
    """A key fit to name in a message, even one that is itself unstorable."""
    return key.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\x00")
