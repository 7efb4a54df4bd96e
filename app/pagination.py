"""Keyset pagination: a generic `Page[T]` and opaque cursors.

A cursor encodes the list that issued it and the sort key of the last item served, so pages
stay stable while new articles arrive and cost one index seek however deep the client goes; a
cursor of another list (an /articles cursor on /quotes) is refused, not read as a position.
"""
from __future__ import annotations

import base64
import binascii
import json
from datetime import UTC, datetime
from typing import Generic, TypeVar

from pydantic import BaseModel

from app.errors import InvalidInput

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


def encode_cursor(listing: str, *values: object) -> str:
    raw = [listing, *(v.isoformat() if isinstance(v, datetime) else v for v in values)]
    return base64.urlsafe_b64encode(json.dumps(raw, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, *, listing: str, kinds: tuple[type, ...]) -> tuple:
    """The values a cursor of `listing` holds, checked against the expected kinds; a bad cursor,
    or one another list issued, is 422."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        raw = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        if not isinstance(raw, list) or len(raw) != len(kinds) + 1 or raw[0] != listing:
            raise ValueError("wrong list or length")
        raw = raw[1:]
        values = tuple(
            _aware(datetime.fromisoformat(v)) if kind is datetime else _exact(v, kind) for v, kind in zip(raw, kinds)
        )
    except (ValueError, TypeError, OverflowError, UnicodeError, binascii.Error) as exc:
        raise InvalidInput("cursor is not one this service issued", extra={"parameter": "cursor"}) from exc
    return values


def _aware(value: datetime) -> datetime:
    """In UTC, as stored: a time with no UTC equivalent (0001-01-01T00:00+14:00) is an OverflowError here."""
    if value.utcoffset() is None:
        raise ValueError("cursor datetimes carry their zone")
    return value.astimezone(UTC)


def _exact(value: object, kind: type) -> object:
    if type(value) is not kind:
        raise TypeError(f"expected {kind.__name__}")
    # Cursor ints are ids, INTEGER columns: a larger one is a bad cursor, not a database error.
    if kind is int and not (-(2**31) <= value < 2**31):  # type: ignore[operator]
        raise ValueError("out of range")
    return value
