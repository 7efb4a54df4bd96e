"""Batch ingest: `POST /articles/batch` queues many articles and answers 202 with a job;
`GET /jobs/{id}` reports its progress. No inference runs in the request."""
from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response, status

from app import json_text
from app.api.deps import IdPath, SessionDep, SettingsDep
from app.api.media import is_json, json_body, media_type
from app.api.problems import problem_responses
from app.errors import AppError, InvalidInput, PayloadTooLarge, UnsupportedMediaType
from app.job_runner import Dispatcher
from app.models import ArticleCreate, JobPublic
from app.services import jobs

router = APIRouter(tags=["jobs"])

JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/json-lines", "application/x-jsonlines")


def get_dispatcher(request: Request) -> Dispatcher:
    return request.app.state.dispatcher


async def batch_entries(request: Request) -> list[Any]:
    """The body's articles: a JSON list, or JSON Lines (a line that is not JSON is kept as an
    error for that article). A body that holds no list of articles is 422."""
    media = media_type(request)
    lines = media in JSONL_TYPES
    if not (lines or media == "" or is_json(media)):
        raise UnsupportedMediaType(f"send the articles as application/json (a list) or as JSON Lines "
                                   f"({', '.join(JSONL_TYPES)}), not {media}")
    body = await request.body()
    try:
        text = body.decode("utf-8-sig")  # a byte order mark is allowed, as /articles allows it
    except UnicodeDecodeError as exc:
        raise InvalidInput("the request body is not valid UTF-8") from exc
    if lines:
        return [_json_line(number, line) for number, line in enumerate(text.splitlines(), 1) if line.strip()]
    try:
        entries = await json_body(request) if _read_alike(body, text) else json_text.loads(text)
    except ValueError as exc:
        raise InvalidInput(f"the request body is not valid JSON: {exc}") from exc
    if not isinstance(entries, list):
        raise InvalidInput("the body must be a JSON list of articles (or JSON Lines, one article a line)")
    return entries


def _read_alike(body: bytes, text: str) -> bool:
    """Whether JSON's own reading of the bytes (`json_body`'s, the unstorable-string guard's)
    is the batch's UTF-8 one. It is not when one of the first two bytes is NUL (it reads
    UTF-16 or -32) or a second byte order mark follows the first (it reads a character):
    never JSON in UTF-8, so parsed as the text, which fails at once and says where."""
    return json.detect_encoding(body).startswith("utf-8") and not text.startswith("\ufeff")


def _json_line(number: int, line: str) -> Any:
    try:
        return json_text.loads(line)
    except ValueError:
        return InvalidInput(f"line {number} is not valid JSON")


BATCH_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {"type": "array", "items": {"$ref": "#/components/schemas/ArticleCreate"}},
            "example": [{"text": "وقال الوزير إن \"المفاوضات ستستأنف\".", "source": "RT Arabic"}],
        },
        "application/x-ndjson": {"schema": {"type": "string", "description": "one article object a line"}},
    },
}


@router.post("/articles/batch", response_model=JobPublic, status_code=status.HTTP_202_ACCEPTED,
             openapi_extra={"requestBody": BATCH_BODY}, responses=problem_responses(415))
def post_batch(
    session: SessionDep,
    settings: SettingsDep,
    dispatcher: Annotated[Dispatcher, Depends(get_dispatcher)],
    response: Response,
    entries: Annotated[list[Any], Depends(batch_entries)],
) -> JobPublic:
    """Queue many articles (each needs its text); an invalid one is reported in the job's
    `errors` by its index, the rest go on. Follow `Location` to see the job's progress."""
    if not entries:
        raise InvalidInput("the batch holds no article")
    if len(entries) > settings.max_batch_articles:
        raise PayloadTooLarge(f"the batch holds {len(entries)} articles; the limit is {settings.max_batch_articles}")
    checked = [_check(entry, max_chars=settings.max_text_chars) for entry in entries]
    accepted = sum(isinstance(entry, ArticleCreate) for entry in checked)
    if not accepted:
        raise InvalidInput("no article in the batch is usable",
                           extra={"errors": [{"index": i, "error": e.detail} for i, e in enumerate(checked)]})
    job = jobs.create_job(session=session, entries=checked)
    session.commit()
    dispatcher.dispatch(job.id, accepted)
    response.headers["Location"] = f"/jobs/{job.id}"
    return jobs.job_public(session=session, job_id=job.id)


def _check(entry: Any, *, max_chars: int) -> ArticleCreate | AppError:
    if isinstance(entry, AppError):
        return entry
    try:
        return jobs.check_draft(entry, max_chars=max_chars)
    except AppError as exc:
        return exc


@router.get("/jobs/{job_id}", response_model=JobPublic)
def get_job(session: SessionDep, job_id: IdPath) -> JobPublic:
    """Counts of done, failed, pending and running articles, and the error of each failed one."""
    return jobs.job_public(session=session, job_id=job_id)
