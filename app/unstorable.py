"""Strings a database cannot hold or compare: NUL characters (PostgreSQL text never holds them)
and unpaired surrogates (not Unicode at all; JSON lets `\\ud800` through). Refused with a 422
naming the place, wherever they arrive (query, JSON body, a line of JSON Lines, a CLI file),
before any service stores or looks them up."""
from __future__ import annotations

from collections.abc import Iterator

from app.errors import InvalidInput


def check_string(value: str, *, where: str, extra: dict[str, str]) -> None:
    if "\x00" in value:
        raise InvalidInput(f"{where} contains a NUL character", extra=extra)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidInput(f"{where} is not valid Unicode (an unpaired surrogate)", extra=extra) from exc


def check_document(document: object, *, root: tuple[str, ...]) -> None:
    """Every string of a parsed JSON document, keys included; `root` names where it came from."""
    for path, value in _strings(document, root):
        field = ".".join(path)
        check_string(value, where=field, extra={"field": field})


def _strings(value: object, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], str]]:
    """Every string in a parsed JSON document (keys included), with where it sits; a walk with
    its own stack, so no nesting the parser took can exhaust Python's."""
    stack = [(path, value)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, dict):
            for key, item in reversed(value.items()):
                stack.append(((*path, _printable(key)), item))
                stack.append((path, key))
        elif isinstance(value, list):
            stack.extend(((*path, str(index)), item) for index, item in reversed(list(enumerate(value))))


def _printable(key: str) -> str:
    """A key fit to name in a message, even one that is itself unstorable."""
    return key.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\x00")
