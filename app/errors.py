"""One error hierarchy: each error carries its HTTP status; one handler renders them all
as RFC 9457 problem details (`type`, `title`, `status`, `detail`)."""
from __future__ import annotations

from typing import Any


class AppError(Exception):
    status: int = 500
    title: str = "Internal error"
    type: str = "about:blank"
    headers: dict[str, str] = {}

    def __init__(self, detail: str, *, extra: dict[str, Any] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra or {}

    def problem(self) -> dict[str, Any]:
        return {"type": self.type, "title": self.title, "status": self.status, "detail": self.detail, **self.extra}


class NotFound(AppError):
    status, title, type = 404, "Not found", "/problems/not-found"


class InvalidInput(AppError):
    status, title, type = 422, "Invalid input", "/problems/invalid-input"


class FetchFailed(AppError):
    """The page behind a posted url could not be had or held no article."""

    status, title, type = 422, "Page could not be fetched", "/problems/fetch-failed"


class PayloadTooLarge(AppError):
    status, title, type = 413, "Payload too large", "/problems/payload-too-large"


class UnsupportedMediaType(AppError):
    status, title, type = 415, "Unsupported media type", "/problems/unsupported-media-type"


class ServiceUnavailable(AppError):
    status, title, type = 503, "Service unavailable", "/problems/unavailable"


class Unauthorized(AppError):
    """A write (or, when reads are protected, a read) without a valid API key."""

    status, title, type = 401, "API key required", "/problems/unauthorized"
    headers = {"WWW-Authenticate": "Bearer"}
