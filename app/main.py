"""The FastAPI application: `uvicorn app.main:app`. The NLP pipeline loads once, at start-up."""
from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import fastapi_offline
import httpx
from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import text
from sqlmodel import Session

from app.api import articles, jobs, pages, problems, quotes, speakers
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
    from app.nlp.ner_direct import DirectTagger

    options = {"model_path": settings.ner_model_path, "pretrain_path": settings.ner_pretrain_path,
               "official": settings.ner_official, "official_dir": settings.ner_official_dir,
               **({"batch_size": settings.ner_batch_size} if settings.ner_batch_size else {})}
    if settings.ner_tagger == "pipeline":
        return Pipeline(StanzaTagger.load(**options))
    return Pipeline(DirectTagger.load(**options, quantize=settings.ner_quantize))


STATIC_DIR = Path(__file__).resolve().parent / "static"
# Swagger UI 5 (reads OpenAPI 3.1), as the `fastapi-offline` package ships it; its own app class is not used.
SWAGGER_UI_DIR = Path(fastapi_offline.__file__).resolve().parent / "static"


def install_offline_docs(app: FastAPI) -> None:
    """Swagger UI at /docs from assets the app serves itself, not a CDN."""

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url, title=f"{app.title} – API",
            oauth2_redirect_url="/docs/oauth2-redirect",
            swagger_js_url="/swagger-ui/swagger-ui-bundle.js", swagger_css_url="/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/swagger-ui/favicon.png",
            swagger_ui_parameters={"validatorUrl": None},  # no badge fetched from the validator service
        )

    @app.get("/docs/oauth2-redirect", include_in_schema=False)
    def swagger_ui_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()


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
        # The app's one engine, on its configured database: requests (`get_session`) and jobs share it.
        app.state.engine = engine = make_engine(settings.database_url)
        app.state.dispatcher = make_dispatcher(settings, pipeline=app.state.pipeline,
                                               sessions=lambda: Session(engine))
        if isinstance(app.state.dispatcher, EmbeddedWorker):
            app.state.dispatcher.resume()
        yield
        app.state.dispatcher.close()
        engine.dispose()
        if http_client is None:
            app.state.http_client.close()

    # /docs is served below from the app's own copy of Swagger UI (works offline); ReDoc would need a CDN.
    app = FastAPI(title="Arabic quote attribution", description=DESCRIPTION, version="0.1.0", lifespan=lifespan,
                  docs_url=None, redoc_url=None)
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

    # The pages: reads are open unless reads are protected; their write form takes the key itself.
    page_guards = [Depends(check_access)] if settings.api_keys and settings.protect_reads else []
    page_guards.append(Depends(reject_unstorable_strings))  # the query string; forms check their fields
    app.include_router(pages.router, dependencies=page_guards)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.mount("/swagger-ui", StaticFiles(directory=SWAGGER_UI_DIR), name="swagger-ui")
    install_offline_docs(app)

    @app.get("/health", tags=["health"])
    def health(session: SessionDep) -> dict[str, str]:
        session.exec(text("SELECT 1"))
        return {"status": "ok"}

    return app


app = create_app()
