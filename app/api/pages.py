"""The HTML pages (Arabic first): search, a speaker, an article with its statements marked,
and adding articles. Server-rendered Jinja2 over the same services as the JSON API; every
asset is served by the app."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError
from sqlmodel import Session, SQLModel

from app.api import speakers as speaker_writes
from app.api.articles import store_article
from app.api.auth import check_form_key
from app.api.deps import CursorQuery, HttpClientDep, IdPath, PipelineDep, SessionDep, SettingsDep
from app.api.storable import check_storable
from app.errors import AppError, InvalidInput, NotFound
from app.models import AliasCreate, ArticleCreate, MergeCreate, SplitCreate
from app.services import query
from app.web.marks import Span, mark_up
from app.web.timeline import timeline

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).resolve().parents[1] / "templates")

PAGE_SIZE = 20
SPEAKERS_SHOWN = 10
SearchText = Annotated[str | None, Query(max_length=200)]


def _render(request: Request, name: str, status_code: int = 200, **context: object) -> HTMLResponse:
    keys_required = bool(request.app.state.settings.api_keys)
    return templates.TemplateResponse(request, name, {"keys_required": keys_required, **context},
                                      status_code=status_code)


@router.get("/", response_class=HTMLResponse)
def home(
    request: Request, session: SessionDep, q: SearchText = None,
    by: Literal["speaker", "words"] | None = None, cursor: CursorQuery = None,
) -> HTMLResponse:
    """One box: a name in any spelling or script finds the speaker's quotes; other words find
    the statements holding them (`by` picks one when both could apply). No query: newest quotes."""
    q = (q or "").strip()
    speakers, mode, meant = [], None, None
    if q:  # the name ranked once: for the speakers offered, the mode and the speaker's quotes
        matches = query.match_speakers(session=session, name=q)
        speakers = query.ranked_page(session=session, ranked=matches.ranked, limit=SPEAKERS_SHOWN,
                                     cursor=None).items
        mode = by or ("speaker" if matches.meant else "words")
        meant = matches.meant if mode == "speaker" else None
    page = query.list_quotes(session=session, meant=meant, q=q if mode == "words" else None,
                             limit=PAGE_SIZE, cursor=cursor)
    return _render(request, "home.html", q=q, mode=mode, speakers=speakers, page=page)


@router.get("/speaker/{speaker_id}", response_class=HTMLResponse)
def speaker_page(request: Request, session: SessionDep, speaker_id: IdPath,
                 cursor: CursorQuery = None) -> Response:
    """A speaker's names, roles, quotes per month and quotes; a merged id leads to its target."""
    try:
        return _speaker_view(request, session, speaker_id, cursor=cursor)
    except NotFound as exc:
        if "merged_into" in exc.extra:
            return RedirectResponse(f"/speaker/{exc.extra['merged_into']}", status_code=307)
        raise


def _speaker_view(request: Request, session: Session, speaker_id: int, *, cursor: str | None,
                  status_code: int = 200, error: str | None = None) -> HTMLResponse:
    speaker = query.get_speaker(session=session, speaker_id=speaker_id)
    page = query.list_quotes(session=session, speaker_id=speaker_id, limit=PAGE_SIZE, cursor=cursor)
    return _render(request, "speaker.html", status_code=status_code, error=error,
                   speaker=query.speaker_public(session=session, speaker=speaker),
                   chart=timeline(query.quotes_per_month(session=session, speaker_id=speaker_id)), page=page)


# The speaker page's forms: the same writes as the API's, each with its API body model.
SPEAKER_ACTIONS = {
    "alias": (AliasCreate, speaker_writes.give_alias),
    "merge": (MergeCreate, speaker_writes.merge_into),
    "split": (SplitCreate, speaker_writes.split_name),
}


@router.post("/speaker/{speaker_id}/{action}", response_class=HTMLResponse)
def speaker_action(
    request: Request, session: SessionDep, speaker_id: IdPath, action: Literal["alias", "merge", "split"],
    name: Annotated[str, Form()] = "", other_id: Annotated[str, Form()] = "", api_key: Annotated[str, Form()] = "",
) -> Response:
    """Give the speaker a name, merge another speaker (by id) into it, or split a name out;
    then show the speaker the quotes are with. A refusal shows the page with the reason."""
    try:
        check_storable({"name": name, "other_id": other_id})
        check_form_key(request, api_key)
        model, write = SPEAKER_ACTIONS[action]
        body = _validated(model, {"speaker_id": other_id.strip()} if action == "merge" else {"name": name.strip()})
        speaker = write(session=session, speaker_id=speaker_id, body=body)
    except AppError as exc:
        session.rollback()
        return _speaker_view(request, session, speaker_id, cursor=None, status_code=exc.status, error=exc.detail)
    return RedirectResponse(f"/speaker/{speaker.id}", status_code=303)


@router.get("/article/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, session: SessionDep, article_id: IdPath) -> HTMLResponse:
    """The text with each statement marked and its speaker beside it, entities marked."""
    article = query.get_article(session=session, article_id=article_id)
    public = query.article_public(session=session, article=article)
    quotes = {quote.id: quote for quote in public.quotes}
    runs = mark_up(article.text, quotes=[Span(q.start, q.end, q.id) for q in public.quotes],
                   entities=[Span(e.start, e.end, e.label) for e in public.entities])
    speakers: dict[int, tuple[object, int]] = {}
    for quote in public.quotes:
        ref, count = speakers.get(quote.speaker.id, (quote.speaker, 0))
        speakers[quote.speaker.id] = (ref, count + 1)
    return _render(request, "article.html", article=public, runs=runs, quotes=quotes,
                   speakers=sorted(speakers.values(), key=lambda pair: -pair[1]))


@router.get("/add", response_class=HTMLResponse)
def add_page(request: Request) -> HTMLResponse:
    return _render(request, "add.html", form={}, error=None)


@router.post("/add", response_class=HTMLResponse)
def add_article(
    request: Request, session: SessionDep, pipeline: PipelineDep, http_client: HttpClientDep,
    settings: SettingsDep,
    text: Annotated[str, Form()] = "", url: Annotated[str, Form()] = "", title: Annotated[str, Form()] = "",
    source: Annotated[str, Form()] = "", published_at: Annotated[str, Form()] = "",
    api_key: Annotated[str, Form()] = "",
) -> Response:
    """Store a pasted article (or the page at a url) and show it; a refusal shows the form
    again, filled in, with the reason and the API's status."""
    form = {"text": text, "url": url, "title": title, "source": source, "published_at": published_at}
    try:
        check_storable(form)
        check_form_key(request, api_key)
        draft = _draft(form)
        article, _ = store_article(session=session, pipeline=pipeline, http_client=http_client,
                                   settings=settings, draft=draft)
    except AppError as exc:
        session.rollback()
        return _render(request, "add.html", status_code=exc.status, form=form, error=exc.detail)
    return RedirectResponse(f"/article/{article.id}", status_code=303)


def _draft(form: dict[str, str]) -> ArticleCreate:
    fields = {name: value.strip() for name, value in form.items() if value.strip()}
    if "text" in fields:
        fields["text"] = form["text"]  # the text as pasted: quote offsets count its characters
    if not fields.get("text") and not fields.get("url"):
        raise InvalidInput("paste the article's text, or give its url")
    return _validated(ArticleCreate, fields)


def _validated(model: type[SQLModel], fields: dict[str, str]) -> SQLModel:
    """A form's fields as the API's body model, its first complaint as a clear 422."""
    try:
        return model.model_validate(fields)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise InvalidInput(f"{where}: {first['msg']}") from exc
