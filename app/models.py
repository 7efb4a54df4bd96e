"""Tables and the public shapes the API returns (full-stack-fastapi-template style families)."""
from __future__ import annotations

import re
from datetime import UTC, datetime

from pydantic import ConfigDict, field_validator
from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.errors import InvalidInput
from app.nlp.arabic import normalize


def utcnow() -> datetime:
    return datetime.now(UTC)


# Names, aliases, roles, mentions and entity texts: what their columns hold and the API serves.
# The NLP stage bounds them well below it (app/nlp/bounds.py); normalised forms fit too.
NAME_COLUMN_CHARS = 500
TITLE_COLUMN_CHARS = 1000

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_8601_text(value: object) -> object:
    """Dates come as ISO 8601 text, as the schema says; pydantic alone would take unix timestamps too."""
    if not (value is None or isinstance(value, datetime) or (isinstance(value, str) and _ISO_DATE.match(value))):
        raise ValueError("give an ISO 8601 date or datetime, e.g. 2017-12-06T12:00:00Z")
    return value


def as_utc(value: datetime | None) -> datetime | None:
    """Datetimes are stored and compared in UTC; a datetime given without a zone is taken as UTC."""
    if value is None:
        return None
    try:
        return value.replace(tzinfo=UTC) if value.utcoffset() is None else value.astimezone(UTC)
    except OverflowError as exc:  # 0001-01-01T00:00+01:00 has no UTC time
        raise InvalidInput(f"{value.isoformat()} is out of range once converted to UTC") from exc


# --- articles -------------------------------------------------------------------------

class ArticleBase(SQLModel):
    title: str | None = Field(default=None, max_length=TITLE_COLUMN_CHARS)
    url: str | None = Field(default=None, max_length=2000)
    source: str | None = Field(default=None, max_length=200)
    published_at: datetime | None = None


class ArticleCreate(ArticleBase):
    """What a client posts: the text, or only a url for the service to fetch."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = None

    _published_at_is_iso = field_validator("published_at", mode="before")(iso_8601_text)

    @field_validator("url")
    @classmethod
    def _web_address(cls, url: str | None) -> str | None:
        """Only http(s): the pages link to it, and a javascript: or data: url would run there."""
        if url is not None and not url.strip().lower().startswith(("http://", "https://")):
            raise ValueError("url must be an http:// or https:// address")
        return url


class Article(ArticleBase, table=True):
    __table_args__ = (
        UniqueConstraint("url", name="uq_article_url"),
        UniqueConstraint("content_hash", name="uq_article_content_hash"),
        Index("ix_article_sort", "sort_at", "id"),
        Index("ix_article_source_sort", "source", "sort_at", "id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    text: str = Field(sa_column=Column(Text, nullable=False))
    content_hash: str = Field(max_length=64)
    sort_at: datetime = Field(description="published_at, else the time it was stored: the feed order")
    created_at: datetime = Field(default_factory=utcnow)


class ArticleRef(SQLModel):
    id: int
    title: str | None
    url: str | None
    published_at: datetime | None


# --- speakers -------------------------------------------------------------------------

class SpeakerBase(SQLModel):
    name: str = Field(max_length=NAME_COLUMN_CHARS)
    kind: str = Field(max_length=20, description="person, organization, group or unnamed")


class Speaker(SpeakerBase, table=True):
    __table_args__ = (
        UniqueConstraint("key", name="uq_speaker_key"),
        Index("ix_speaker_norm_name", "norm_name"),
    )
    id: int | None = Field(default=None, primary_key=True)
    norm_name: str = Field(max_length=NAME_COLUMN_CHARS)
    # Identity key: kind + normalised name; unnamed sources and groups are scoped to their
    # article ("a security source" in two articles is not one person).
    key: str = Field(max_length=600)
    quote_count: int = 0
    created_at: datetime = Field(default_factory=utcnow)


class SpeakerAlias(SQLModel, table=True):
    __tablename__ = "speaker_alias"
    __table_args__ = (
        UniqueConstraint("speaker_id", "norm_alias", name="uq_speaker_alias"),
        Index("ix_speaker_alias_norm", "norm_alias"),
    )
    id: int | None = Field(default=None, primary_key=True)
    speaker_id: int = Field(foreign_key="speaker.id", ondelete="CASCADE")
    alias: str = Field(max_length=NAME_COLUMN_CHARS)
    norm_alias: str = Field(max_length=NAME_COLUMN_CHARS)


class SpeakerRole(SQLModel, table=True):
    """A title the press gives the speaker (جنرال الجيش, وزير الخارجية), kept out of the name."""

    __tablename__ = "speaker_role"
    __table_args__ = (UniqueConstraint("speaker_id", "norm_role", name="uq_speaker_role"),)
    id: int | None = Field(default=None, primary_key=True)
    speaker_id: int = Field(foreign_key="speaker.id", ondelete="CASCADE")
    role: str = Field(max_length=NAME_COLUMN_CHARS)
    norm_role: str = Field(max_length=NAME_COLUMN_CHARS)


class SpeakerNameKey(SQLModel, table=True):
    """Spelling-blind keys of a speaker's names (`app/nlp/names.py`): how a name typed in any
    spelling or script finds its candidates through one index."""

    __tablename__ = "speaker_name_key"
    __table_args__ = (
        UniqueConstraint("speaker_id", "key", name="uq_speaker_name_key"),
        Index("ix_speaker_name_key_key", "key", "speaker_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    speaker_id: int = Field(foreign_key="speaker.id", ondelete="CASCADE")
    key: str = Field(max_length=200)


class SpeakerMerge(SQLModel, table=True):
    """Two speakers found to be one: the source's quotes, names and roles moved to the target."""

    __tablename__ = "speaker_merge"
    __table_args__ = (Index("ix_speaker_merge_source", "source_id"),)
    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(description="the merged speaker's id, no longer served")
    source_name: str = Field(max_length=NAME_COLUMN_CHARS)
    target_id: int = Field(foreign_key="speaker.id", ondelete="CASCADE")
    reason: str = Field(max_length=200)
    created_at: datetime = Field(default_factory=utcnow)


class SpeakerSplit(SQLModel, table=True):
    """A name found not to be the speaker's: the quotes said under it moved from the source to
    the name's own speaker (the target), the undoing of a wrong merge."""

    __tablename__ = "speaker_split"
    __table_args__ = (Index("ix_speaker_split_source", "source_id"),)
    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(description="the speaker the name was taken from")
    name: str = Field(max_length=500)
    target_id: int = Field(foreign_key="speaker.id", ondelete="CASCADE")
    quotes_moved: int
    reason: str = Field(max_length=200)
    created_at: datetime = Field(default_factory=utcnow)


class SplitCreate(SQLModel):
    """A name to take out of the speaker with the quotes said under it: `{"name": "سعيد الحربي"}`."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=500)


class SpeakerRef(SpeakerBase):
    id: int


class SpeakerPublic(SpeakerBase):
    id: int
    aliases: list[str]
    roles: list[str] = []
    quote_count: int


class AliasCreate(SQLModel):
    """Another name for a speaker, in any script: `{"name": "Valery Gerasimov"}`."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=NAME_COLUMN_CHARS)

    @field_validator("name")
    @classmethod
    def _normalised_name_fits(cls, name: str) -> str:
        """NFKC expands a ligature (ﷺ is 18 letters): the normalised form must fit its column too."""
        if len(normalize(name)) > NAME_COLUMN_CHARS:
            raise ValueError(f"the name, normalised, is longer than {NAME_COLUMN_CHARS} characters")
        return name


class MergeCreate(SQLModel):
    """The speaker to merge into this one: `{"speaker_id": 17}`."""

    model_config = ConfigDict(extra="forbid")
    speaker_id: int = Field(ge=1, le=2**31 - 1)


# --- quotes ---------------------------------------------------------------------------

class QuoteBase(SQLModel):
    statement: str = Field(sa_column=Column(Text, nullable=False))
    type: str = Field(max_length=10)
    cue: str = Field(max_length=50)
    start: int
    end: int
    confidence: float
    mention: str = Field(max_length=NAME_COLUMN_CHARS)


class Quote(QuoteBase, table=True):
    __table_args__ = (
        Index("ix_quote_sort", "sort_at", "id"),
        Index("ix_quote_speaker_sort", "speaker_id", "sort_at", "id"),
        Index("ix_quote_article", "article_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE")
    speaker_id: int = Field(foreign_key="speaker.id")
    said_as: str | None = Field(default=None, max_length=500,
                                description="the name the article gave the speaker (none before 0004)")
    norm_statement: str = Field(sa_column=Column(Text, nullable=False))
    sort_at: datetime = Field(description="the article's sort_at, copied for one-index feeds")


class QuotePublic(QuoteBase):
    model_config = ConfigDict(from_attributes=True)
    id: int
    speaker: SpeakerRef
    article: ArticleRef


# --- entities -------------------------------------------------------------------------

class EntityBase(SQLModel):
    text: str = Field(max_length=NAME_COLUMN_CHARS)
    label: str = Field(max_length=10)
    start: int
    end: int


class Entity(EntityBase, table=True):
    __tablename__ = "entity"
    __table_args__ = (Index("ix_entity_article", "article_id"),)
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE")


class EntityPublic(EntityBase):
    pass


class ArticlePublic(ArticleBase):
    id: int
    quotes: list[QuotePublic]
    entities: list[EntityPublic]


class ArticleSummary(ArticleBase):
    """An article in a list: its metadata and how many quotes it holds, not its text."""

    id: int
    quote_count: int


# --- batch jobs -----------------------------------------------------------------------

class Job(SQLModel, table=True):
    """A batch of articles posted together; its progress is counted from its items."""

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow)


class JobItem(SQLModel, table=True):
    """One article of a batch. A worker claims it (running, with a lease), then settles it as
    done or failed in the same transaction that stores the article; a lease that runs out
    (the worker died) makes it claimable again."""

    __tablename__ = "job_item"
    __table_args__ = (
        UniqueConstraint("job_id", "position", name="uq_job_item_position"),
        Index("ix_job_item_job_status", "job_id", "status"),
        Index("ix_job_item_status", "status", "id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    job_id: int = Field(foreign_key="job.id", ondelete="CASCADE")
    position: int = Field(description="index of the article in the batch")
    status: str = Field(default="pending", max_length=10, description="pending, running, done or failed")
    attempts: int = 0
    lease_until: datetime | None = None
    holder: str | None = Field(default=None, max_length=200, description="the process holding it (app/processes.py)")
    draft: str | None = Field(default=None, sa_column=Column(Text), description="the ArticleCreate as JSON, until done")
    error: str | None = Field(default=None, sa_column=Column(Text))
    article_id: int | None = Field(default=None, foreign_key="article.id", ondelete="SET NULL")


class JobItemError(SQLModel):
    index: int
    error: str
    attempts: int


class JobPublic(SQLModel):
    id: int
    created_at: datetime
    total: int
    done: int
    failed: int
    pending: int
    running: int
    finished: bool = Field(description="no article is pending or running")
    errors: list[JobItemError] = Field(description="the failed articles, by their index in the batch")
