"""Ingest: run an article through the NLP pipeline and store it with its quotes, entities
and speakers. Posting the same article twice (same url or same text) stores nothing new."""
from __future__ import annotations

import hashlib
from collections import Counter

from sqlalchemy import or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app.db import insert_rows, one_writer_at_a_time
from app.errors import InvalidInput, PayloadTooLarge
from app.models import Article, ArticleCreate, Entity, Quote, as_utc, utcnow
from app.nlp.arabic import has_arabic, normalize
from app.nlp.pipeline import Pipeline
from app.nlp.types import Analysis
from app.nlp.types import Quote as NlpQuote
from app.nlp.types import Speaker as NlpSpeaker
from app.services.speaker_batch import ArticleSpeakers
from app.services.speakers import count_quotes, get_or_create_speaker, said_as


def content_hash(text: str) -> str:
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


def check_text(text: str, *, max_chars: int) -> None:
    """Refuse text the pipeline cannot use, naming what is wrong."""
    if len(text) > max_chars:
        raise PayloadTooLarge(f"text has {len(text)} characters; the limit is {max_chars}")
    if not text.strip():
        raise InvalidInput("text is empty", extra={"field": "text"})
    if "\x00" in text:
        raise InvalidInput("text contains NUL characters", extra={"field": "text"})
    if not has_arabic(text):
        raise InvalidInput("text contains no Arabic", extra={"field": "text"})


def find_existing(*, session: Session, url: str | None, text: str | None) -> Article | None:
    conditions = []
    if url:
        conditions.append(Article.url == url)
    if text:
        conditions.append(Article.content_hash == content_hash(text))
    if not conditions:
        return None
    return session.exec(select(Article).where(or_(*conditions))).first()


def ingest_article(*, session: Session, pipeline: Pipeline, draft: ArticleCreate) -> tuple[Article, bool]:
    """Store the article unless it is known; returns it and whether it was created.

    NER runs first, before this transaction reads anything: SQLite cannot turn a read snapshot
    into a write once another writer has committed, so the write phase must begin the transaction."""
    assert draft.text is not None, "fetch the page before ingesting"
    analysis = pipeline.analyze(draft.text)
    one_writer_at_a_time(session)
    existing = find_existing(session=session, url=draft.url, text=draft.text)
    if existing:
        return existing, False
    return store_analysis(session=session, analysis=analysis, draft=draft)


def store_analysis(*, session: Session, analysis: Analysis, draft: ArticleCreate) -> tuple[Article, bool]:
    """Write one analysed article and all its rows inside a savepoint, so a concurrent
    duplicate rolls back cleanly to the stored one."""
    published = as_utc(draft.published_at)
    article = Article(
        title=draft.title,
        url=draft.url,
        source=draft.source,
        published_at=published,
        text=analysis.text,
        content_hash=content_hash(analysis.text),
        sort_at=published or utcnow(),
    )
    one_writer_at_a_time(session)
    try:
        with session.begin_nested():
            session.add(article)
            session.flush()
            _store_rows(session=session, article=article, analysis=analysis)
    except IntegrityError:
        existing = find_existing(session=session, url=draft.url, text=analysis.text)
        if existing is None:
            raise
        return existing, False
    return article, True


def _store_rows(*, session: Session, article: Article, analysis: Analysis) -> None:
    """Entities and quotes go in as multi-row INSERTs (see `insert_rows`)."""
    assert article.id is not None
    insert_rows(session, Entity, [{"article_id": article.id, "text": e.text, "label": e.label, "start": e.start,
                                   "end": e.end} for e in analysis.entities], returning=None)
    # Each speaker of the article is resolved once (a speaker often has a dozen quotes), all of
    # them together in a few statements (`ArticleSpeakers`). Should one of them merge stored
    # speakers, the quotes so far are written and the rest go one by one, each speaker's quotes
    # added right after it, so a merge by a later speaker of the article moves them too.
    by_speaker: dict[NlpSpeaker, list[NlpQuote]] = {}
    for q in analysis.quotes:
        by_speaker.setdefault(q.speaker, []).append(q)
    batch = ArticleSpeakers.read(session=session, article_id=article.id, speakers=by_speaker) if by_speaker else None
    decided = []
    per_speaker: Counter[int] = Counter()
    for found, quotes in by_speaker.items():
        if batch is not None:
            if (row := batch.resolve(found, [q.mention for q in quotes])) is not None:
                decided.append((row, found, quotes))
                continue
            batch.flush()
            _insert_quotes(session, article, [(row.id, found, quotes) for row, found, quotes in decided], per_speaker)
            batch = decided = None
        speaker = get_or_create_speaker(
            session=session, speaker=found, article_id=article.id, mentions=[q.mention for q in quotes]
        )
        _insert_quotes(session, article, [(speaker.id, found, quotes)], per_speaker)
    if batch is not None:
        batch.flush()
        _insert_quotes(session, article, [(row.id, found, quotes) for row, found, quotes in decided], per_speaker)
    count_quotes(session=session, added=per_speaker)


def _insert_quotes(session: Session, article: Article, said: list[tuple[int, NlpSpeaker, list[NlpQuote]]],
                   per_speaker: Counter[int]) -> None:
    """The quotes of these speakers (stored speaker id, speaker found, its quotes) in one INSERT."""
    insert_rows(session, Quote, [_quote_row(q, article=article, speaker_id=speaker_id, said_as=said_as(found))
                                 for speaker_id, found, quotes in said for q in quotes], returning=None)
    for speaker_id, _, quotes in said:
        per_speaker[speaker_id] += len(quotes)


def _quote_row(q: NlpQuote, *, article: Article, speaker_id: int | None, said_as: str) -> dict:
    return {
        "article_id": article.id, "speaker_id": speaker_id, "said_as": said_as, "statement": q.statement,
        "norm_statement": normalize(q.statement), "type": q.type, "cue": q.cue, "start": q.start, "end": q.end,
        "confidence": round(q.confidence, 3), "mention": q.mention, "sort_at": article.sort_at,
    }
