"""What a request says its body is (one reading of Content-Type for every endpoint), and its
JSON, parsed once however many readers need it."""
from __future__ import annotations

from typing import Any

from fastapi import Request

_PARSED = "app.json_body"  # the request scope's key for the parse: ("ok", value) or ("error", exception)


def media_type(request: Request) -> str:
    """The Content-Type without parameters, lower case; "" when none is sent."""
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def is_json(media: str) -> bool:
    return media == "application/json" or media.endswith("+json")


async def json_body(request: Request) -> Any:
    """The body as JSON: FastAPI's own parse when the endpoint's body model made it read one
    (Starlette keeps it on the request), else parsed here the same way (UTF-8, -16 or -32, as
    JSON's decoder detects) and kept, a failure too. Invalid JSON, nesting too deep for
    Python's parser included, raises ValueError (an undecodable body: UnicodeDecodeError)."""
    if (parsed := request.scope.get(_PARSED)) is None:
        try:
            parsed = ("ok", await request.json())
        except RecursionError:
            parsed = ("error", ValueError("the JSON is nested too deeply"))
        except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
            parsed = ("error", exc)
        request.scope[_PARSED] = parsed
    outcome, value = parsed
    if outcome == "error":
        raise value
    return value
