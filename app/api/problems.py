"""Render every error as RFC 9457 problem details, so clients handle one shape."""
from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from sqlalchemy.exc import DBAPIError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from app.api.media import is_json, media_type
from app.errors import AppError, InvalidInput, ServiceUnavailable

log = logging.getLogger(__name__)
PROBLEM_JSON = "application/problem+json"


class Problem(BaseModel):
    """RFC 9457 problem details; some problems add members (`errors`, `field`, `parameter`)."""

    model_config = ConfigDict(extra="allow")
    type: str
    title: str
    status: int
    detail: str


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` documenting these statuses as problem details (they replace
    FastAPI's default 422 shape, which this service never sends)."""
    content = {PROBLEM_JSON: {"schema": Problem.model_json_schema()}}
    return {status: {"description": _title(status), "content": content} for status in statuses}


def problem_response(problem: dict[str, Any], headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(problem, status_code=problem["status"], media_type=PROBLEM_JSON, headers=headers)


def install(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(_: Request, exc: AppError) -> JSONResponse:
        return problem_response(exc.problem(), headers=exc.headers or None)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
                  for e in exc.errors()]
        where = ", ".join(".".join(map(str, e["loc"])) + ": " + e["msg"] for e in errors[:5])
        whole_body = [e for e in errors if e["loc"] == ["body"]]
        if whole_body and not is_json(media_type(request)):
            where = _not_json(request)
        elif any(e["type"] == "missing" for e in whole_body):
            where = "the request has no body: send JSON, with Content-Type: application/json"
        return problem_response(InvalidInput(where or "the request is not valid", extra={"errors": errors}).problem())

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
            # FastAPI's answer to a body that is not UTF-8: an invalid body like any other.
            return problem_response(InvalidInput("the request body is not valid UTF-8 JSON").problem())
        headers = getattr(exc, "headers", None)
        if exc.status_code == 405:
            headers = {**(headers or {}), "Allow": _allowed_methods(request)}
        return problem_response({"type": "about:blank", "title": _title(exc.status_code),
                                 "status": exc.status_code, "detail": str(exc.detail)}, headers=headers)

    @app.exception_handler(OperationalError)
    async def _db_down(_: Request, exc: OperationalError) -> JSONResponse:
        log.warning("database unavailable: %s", exc.__class__.__name__)
        return problem_response(ServiceUnavailable("the database is unavailable; try again shortly").problem(),
                                headers={"Retry-After": "5"})

    @app.exception_handler(DBAPIError)
    async def _db_error(_: Request, exc: DBAPIError) -> JSONResponse:
        if exc.connection_invalidated:
            return await _db_down(_, exc)  # type: ignore[arg-type]
        log.exception("database error")
        return problem_response(AppError("the database refused the operation").problem())

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return problem_response(AppError("an unexpected error occurred").problem())


def _not_json(request: Request) -> str:
    """A JSON endpoint given a form, text or no Content-Type: FastAPI never reads such a body as
    JSON and only says it is not "a valid dictionary"; say what to send instead."""
    sent = request.headers.get("content-type")
    got = f"this request's Content-Type is {sent[:100]}" if sent else "this request has no Content-Type"
    return f"the body must be JSON, sent with Content-Type: application/json ({got})"


def _allowed_methods(request: Request) -> str:
    """Every method the path answers; Starlette names only those of the first route matching it."""
    allowed = [method for method in ("GET", "POST", "PUT", "PATCH", "DELETE")
               if any(route.matches({**request.scope, "method": method})[0] == Match.FULL
                      for route in request.app.router.routes)]
    return ", ".join(allowed + ["HEAD"] * ("GET" in allowed))  # HEAD: app/api/head.py


def _title(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"
