"""What a request says its body is: one reading of Content-Type for every endpoint."""
from __future__ import annotations

from fastapi import Request


def media_type(request: Request) -> str:
    """The Content-Type without parameters, lower case; "" when none is sent."""
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def is_json(media: str) -> bool:
    return media == "application/json" or media.endswith("+json")
