"""Dependencies shared by the routers."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated

import httpx
from fastapi import Depends, Path, Query, Request
from pydantic import BeforeValidator
from sqlmodel import Session

from app.config import Settings
from app.db import get_session
from app.models import iso_8601_text
from app.nlp.pipeline import Pipeline

SessionDep = Annotated[Session, Depends(get_session)]


def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings


SettingsDep = Annotated[Settings, Depends(get_app_settings)]


def get_pipeline(request: Request) -> Pipeline:
    return request.app.state.pipeline


def get_http_client(request: Request) -> httpx.Client:
    return request.app.state.http_client


PipelineDep = Annotated[Pipeline, Depends(get_pipeline)]
HttpClientDep = Annotated[httpx.Client, Depends(get_http_client)]

# Ids are INTEGER columns (int4 on PostgreSQL): a larger id is refused here, not by the database.
MAX_ID = 2**31 - 1
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
LimitQuery = Annotated[int | None, Query(ge=1, le=200, description="page size (1–200)")]
CursorQuery = Annotated[str | None, Query(max_length=200, description="next_cursor of the previous page")]

DateQuery = Annotated[datetime | None, BeforeValidator(iso_8601_text),
                      Query(description="ISO 8601 date or datetime; without a zone, UTC")]


def page_size(limit: int | None, settings: Settings) -> int:
    return min(limit or settings.default_page_size, settings.max_page_size)
