"""The FastAPI application: `uvicorn app.main:app`. The NLP pipeline loads once, at start-up."""
from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from sqlalchemy import text
from sqlmodel import Session

from app.api import articles, jobs, problems, quotes, speakers
from app.api.auth import KeyRing, check_access
from app.api.deps import SessionDep
from app.api.head import HeadAsGet
from app.api.limits import BodySizeLimit
from app.api.query_names import reject_unknown_query_parameters
from app.api.storable import reject_unstorable_strings
from app.config import Settings, get_settings
from app.db import make_engine
from app.job_runner import EmbeddedWorker, make_dispatcher
from app.nlp.pipeline import Pipeline

log = logging.getLogger(__name__)

DESCRIPTION = """
Post Arabic news articles; the service finds every statement in them (direct, indirect and
mixed quotes), resolves who said it, and answers *who said what*:
`GET /quotes?speaker=غيراسيموف`.
"""


def load_pipeline(settings: Settings) -> Pipeline:
    from app.nlp.ner import StanzaTagger

    tagger = StanzaTagger.load(
        model_path=settings.ner_model_path,
        pretrain_path=settings.ner_pretrain_path,
        official=settings.ner_official,
        official_dir=settings.ner_official_dir,
        **({"batch_size": settings.ner_batch_size} if settings.ner_batch_size else {}),
    )
    return Pipeline(tagger)


def create_app(
    *, settings: Settings | None = None, pipeline: Pipeline | None = None, http_client: httpx.Client | None = None
) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.pipeline = pipeline or load_pipeline(settings)
        app.state.http_client = http_client or httpx.Client(
            timeout=settings.fetch_timeout_seconds, headers={"User-Agent": "arabic-quotes/0.1"}
        )
        engine = make_engine(settings.database_url)  # this app's database, as configured
        app.state.dispatcher = make_dispatcher(settings, pipeline=app.state.pipeline,
                                               sessions=lambda: Session(engine))
        if isinstance(app.state.dispatcher, EmbeddedWorker):
            app.state.dispatcher.resume()
        yield
        app.state.dispatcher.close()
        engine.dispose()
        if http_client is None:
            app.state.http_client.close()

    app = FastAPI(title="Arabic quote attribution", description=DESCRIPTION, version="0.1.0", lifespan=lifespan)
    app.state.settings = settings
    app.state.api_keys = KeyRing.from_settings(settings)  # only digests are kept
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(HeadAsGet)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    problems.install(app)
    # Without keys the API is open, and its OpenAPI document declares no security scheme.
    guards = [Depends(check_access)] if settings.api_keys else []
    guards += [Depends(reject_unstorable_strings), Depends(reject_unknown_query_parameters)]
    for module in (jobs, articles, quotes, speakers):  # jobs first: /articles/batch before /articles/{id}
        app.include_router(module.router, dependencies=guards,
                           responses=problems.problem_responses(401, 404, 413, 422, 503))

    @app.get("/health", tags=["health"])
    def health(session: SessionDep) -> dict[str, str]:
        session.exec(text("SELECT 1"))
        return {"status": "ok"}

    return app


app = create_app()
