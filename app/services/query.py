"""Read side: articles, quotes and speakers as the API returns them, keyset-paginated."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Integer, and_, case, func, literal_column, or_, text
from sqlmodel import Session, col, select

from app.errors import InvalidInput, NotFound
from app.models import (
    Article,
    ArticlePublic,
    ArticleRef,
    ArticleSummary,
    Entity,
    EntityPublic,
    Quote,
    QuotePublic,
    Speaker,
    SpeakerAlias,
    SpeakerNameKey,
    SpeakerPublic,
    SpeakerRef,
    SpeakerRole,
)
from app.nlp.arabic import normalize
from app.nlp.names import NameQuery
from app.pagination import Page, decode_cursor, encode_cursor
from app.services.speakers import merged_into


def _newest_first(model, cursor: str | None):  # noqa: ANN001, ANN202
    """Order by (sort_at, id) descending, resuming after the cursor's item."""
    query = select(model).order_by(col(model.sort_at).desc(), col(model.id).desc())
    if cursor:
        at, last_id = decode_cursor(cursor, listing=model.__tablename__, kinds=(datetime, int))
        query = query.where(or_(model.sort_at < at, and_(model.sort_at == at, model.id < last_id)))
    return query


def _page(rows: Sequence, limit: int) -> tuple[list, str | None]:
    if len(rows) <= limit:
        return list(rows), None
    last = rows[limit - 1]
    return list(rows[:limit]), encode_cursor(type(last).__tablename__, last.sort_at, last.id)


# --- articles -------------------------------------------------------------------------

def get_article(*, session: Session, article_id: int) -> Article:
    article = session.get(Article, article_id)
    if article is None:
        raise NotFound(f"no article with id {article_id}")
    return article


def article_public(*, session: Session, article: Article) -> ArticlePublic:
    quotes = session.exec(
        select(Quote, Speaker).join(Speaker).where(Quote.article_id == article.id).order_by(Quote.start)
    ).all()
    entities = session.exec(select(Entity).where(Entity.article_id == article.id).order_by(Entity.start)).all()
    ref = _article_ref(article)
    return ArticlePublic(
        id=article.id,
        title=article.title,
        url=article.url,
        source=article.source,
        published_at=article.published_at,
        quotes=[_quote_public(q, s, ref) for q, s in quotes],
        entities=[EntityPublic.model_validate(e, from_attributes=True) for e in entities],
    )


def list_articles(
    *, session: Session, source: str | None, since: datetime | None, until: datetime | None,
    limit: int, cursor: str | None,
) -> Page[ArticleSummary]:
    query = _newest_first(Article, cursor)
    if source:
        query = query.where(Article.source == source)
    if since:
        query = query.where(Article.sort_at >= since)
    if until:
        query = query.where(Article.sort_at < until)
    rows, next_cursor = _page(session.exec(query.limit(limit + 1)).all(), limit)
    counts = dict(
        session.exec(
            select(Quote.article_id, func.count()).where(col(Quote.article_id).in_([a.id for a in rows]))
            .group_by(Quote.article_id)
        ).all()
    )
    items = [
        ArticleSummary(id=a.id, title=a.title, url=a.url, source=a.source, published_at=a.published_at,
                       quote_count=counts.get(a.id, 0))
        for a in rows
    ]
    return Page(items=items, next_cursor=next_cursor)


# --- quotes ---------------------------------------------------------------------------

def list_quotes(
    *, session: Session, speaker: str | None = None, speaker_id: int | None = None, q: str | None = None,
    since: datetime | None = None, until: datetime | None = None, type: str | None = None,
    article_id: int | None = None, limit: int, cursor: str | None = None, meant: Sequence[int] | None = None,
) -> Page[QuotePublic]:
    """The quotes the filters match, newest first. `speaker` is a name (the speakers it means,
    `find_speaker_ids`); a caller that has found them already passes them as `meant` instead."""
    if q and not query_words(q):  # only punctuation or invisible characters: no statement holds those words
        return Page(items=[])
    query = _newest_first(Quote, cursor)
    if speaker_id is not None:
        query = query.where(Quote.speaker_id == speaker_id)
    ids = find_speaker_ids(session=session, name=speaker) if speaker else meant
    if ids is not None:
        if not ids:
            return Page(items=[])
        query = query.where(col(Quote.speaker_id).in_(ids))
    if since:
        query = query.where(Quote.sort_at >= since)
    if until:
        query = query.where(Quote.sort_at < until)
    if type:
        query = query.where(Quote.type == type)
    if article_id is not None:
        query = query.where(Quote.article_id == article_id)
    if q:
        rows = _statement_page(session=session, feed=query, q=q, limit=limit)
    elif ids and len(ids) > 1 and _quote_total(session, list(ids)) <= FEW_QUOTES:
        rows = _newest_matching(session=session, feed=query, limit=limit)
    else:
        rows = session.exec(query.limit(limit + 1)).all()
    rows, next_cursor = _page(rows, limit)
    speakers = _refs(session, SpeakerRef, Speaker, {r.speaker_id for r in rows})
    articles = _refs(session, ArticleRef, Article, {r.article_id for r in rows})
    items = [_quote_public(r, speakers[r.speaker_id], articles[r.article_id]) for r in rows]
    return Page(items=items, next_cursor=next_cursor)


# Several speakers (a family name many people bear) with up to this many quotes in all: their
# quotes are fetched through the speaker index and sorted, not met walking the date index.
FEW_QUOTES = 5000


def _quote_total(session: Session, speaker_ids: list[int]) -> int:
    return session.exec(select(func.coalesce(func.sum(Speaker.quote_count), 0))
                        .where(col(Speaker.id).in_(speaker_ids))).one()


def _newest_matching(*, session: Session, feed, limit: int) -> list[Quote]:  # noqa: ANN001
    """Every quote the feed's filters match, found through their own indexes, and the newest
    taken. For filters matching few quotes: the planner may otherwise walk the date index
    newest first, meeting them only after tens of thousands of others."""
    found = feed.with_only_columns(Quote.id, Quote.sort_at).order_by(None)
    every = found.cte("matching").prefix_with("MATERIALIZED")
    ids = session.exec(
        select(every.c.id).order_by(every.c.sort_at.desc(), every.c.id.desc()).limit(limit + 1)
    ).all()
    return _quotes_newest_first(session=session, ids=ids)


def _quotes_newest_first(*, session: Session, ids: Sequence[int]) -> list[Quote]:
    return list(session.exec(
        select(Quote).where(col(Quote.id).in_(ids)).order_by(col(Quote.sort_at).desc(), col(Quote.id).desc())
    ).all())


def _statement_page(*, session: Session, feed, q: str, limit: int) -> list[Quote]:  # noqa: ANN001
    """The feed's next quotes holding every word of `q`, each word also with a clitic before it
    (والرقة, بالرقة), over the normalised statements."""
    if session.get_bind().dialect.name == "postgresql":
        return _postgres_statement_page(session=session, feed=feed, q=q, limit=limit)
    return session.exec(feed.where(_sqlite_statement_filter(session=session, q=q)).limit(limit + 1)).all()


def query_words(q: str) -> list[str]:
    """The words of a search as the statement indexes split text: at anything that is not a
    letter, digit or mark (`a_b` is two words; as one quoted term SQLite's FTS5 reads it as a
    phrase, which an index without positions refuses with an error)."""
    return re.findall(r"[^\W_]+", normalize(q))


# Up to this many matches, the matching quotes are fetched by id and sorted; beyond it the
# feed index is walked newest first and each quote checked (a common word is met soon).
FTS_FETCH_LIMIT = 1000


def _sqlite_statement_filter(*, session: Session, q: str):  # noqa: ANN202
    """FTS5 (`quote_fts`): the matches fetched when few, else the feed walked against them."""
    match = " AND ".join(
        "(" + " OR ".join(f'"{f}"' for f in word_forms(word)) + ")" for word in query_words(q)
    )
    matching = text("SELECT rowid FROM quote_fts WHERE quote_fts MATCH :match").bindparams(match=match)
    first = text("SELECT rowid FROM quote_fts WHERE quote_fts MATCH :match LIMIT :limit")
    ids = session.exec(first.bindparams(match=match, limit=FTS_FETCH_LIMIT)).scalars().all()
    if len(ids) < FTS_FETCH_LIMIT:
        return col(Quote.id).in_(ids)
    return literal_column("+quote.id").in_(matching.columns(rowid=Integer))  # + : walk the feed index


# PostgreSQL first checks this many of the newest quotes of the feed, row by row; when that
# walk met at least `DENSE_HITS` matches, a walk about twice as long as should fill the page.
RECENT_WALK = 2000
DENSE_HITS = 7


def _postgres_statement_page(*, session: Session, feed, q: str, limit: int) -> list[Quote]:  # noqa: ANN001
    """The stored tsvector: checked row by row over the newest quotes (a common word fills the
    page there), else every match found through the GIN index and the newest taken.

    Measured on a million quotes: walking costs about 0.8 µs a row, fetching a match through
    the index about 1.6 µs, so a longer walk wins only for words in more than about one statement
    of 300 (7 hits in 2000) -- such a word has thousands of matches to fetch."""
    tsquery = " & ".join(
        "(" + " | ".join(f"'{f}'" for f in word_forms(word)) + ")" for word in query_words(q)
    )
    matches = literal_column("statement_tsv").op("@@")(func.to_tsquery(literal_column("'simple'"), tsquery))

    def walk(rows: int) -> list[int]:
        recent = feed.with_only_columns(Quote.id, Quote.sort_at, literal_column("statement_tsv")).limit(rows).subquery()
        return session.exec(select(recent.c.id).where(recent.c.statement_tsv.op("@@")(
            func.to_tsquery(literal_column("'simple'"), tsquery))).order_by(recent.c.sort_at.desc(), recent.c.id.desc())
            .limit(limit + 1)).all()

    ids = walk(RECENT_WALK)
    if DENSE_HITS <= len(ids) <= limit:
        ids = walk(RECENT_WALK * 2 * (limit + 1) // len(ids))
    if len(ids) <= limit:
        return _newest_matching(session=session, feed=feed.where(matches), limit=limit)
    return _quotes_newest_first(session=session, ids=ids)


# Proclitics of a written Arabic word: و ف (and), ب ك (prepositions); ل and ال handled apart.
_CLITICS = ("و", "ف", "ب", "وب", "ك")


def word_forms(word: str) -> list[str]:
    """A normalised word and the forms it takes with proclitics in running text."""
    word = word.replace('"', "").replace("'", "")
    if word.startswith("ال") and len(word) > 3:
        stem = word[2:]
        return [word, *(c + word for c in _CLITICS), "لل" + stem, "ولل" + stem]
    if word.isascii() or len(word) < 2:
        return [word]
    return [word, *(c + word for c in (*_CLITICS, "ل")), "ال" + word, "وال" + word, "بال" + word, "لل" + word]


def _refs(session: Session, shape, model, ids: set[int]) -> dict:  # noqa: ANN001
    """The short forms quotes refer to, by id, reading only their columns (not article texts)."""
    if not ids:
        return {}
    fields = list(shape.model_fields)
    rows = session.exec(select(*(getattr(model, f) for f in fields)).where(col(model.id).in_(ids)))
    return {row.id: shape(**dict(zip(fields, row, strict=True))) for row in rows}


def _by_id(session: Session, model, ids: set[int]) -> dict:  # noqa: ANN001
    if not ids:
        return {}
    return {row.id: row for row in session.exec(select(model).where(col(model.id).in_(ids)))}


def _article_ref(article: Article) -> ArticleRef:
    return ArticleRef(id=article.id, title=article.title, url=article.url, published_at=article.published_at)


def _quote_public(quote: Quote, speaker: Speaker | SpeakerRef, article: ArticleRef) -> QuotePublic:
    return QuotePublic(
        id=quote.id, statement=quote.statement, type=quote.type, cue=quote.cue, start=quote.start,
        end=quote.end, confidence=quote.confidence, mention=quote.mention,
        speaker=SpeakerRef(id=speaker.id, name=speaker.name, kind=speaker.kind), article=article,
    )


# --- speakers -------------------------------------------------------------------------

# Below this a candidate is too unlike the typed name to offer (see `NameQuery.score`).
MIN_NAME_SCORE = 0.8
MAX_CANDIDATES = 100


def rank_speakers(*, session: Session, name: str, best_only: bool = False) -> list[tuple[int, float]]:
    """Speakers a typed name may mean, best first: the same spelling, then the same name in
    another spelling or script, then names holding every typed word, then close names.
    Candidates come from one index (`speaker_name_key`) and are scored on their stored keys.
    `best_only` stops at the first tier that has any (the same spelling, the same skeleton)."""
    wanted = NameQuery.of(name)
    if not wanted.norm:
        return []
    exact = _same_spelling(session, wanted)
    if best_only and (best := _best_tier(session, wanted, exact)):
        return best
    return _ranked(session, wanted, exact)


@dataclass(frozen=True, slots=True)
class NameMatches:
    """A typed name's speakers, ranked once for both uses: `ranked` (best first, as
    `rank_speakers`) to offer, and `meant` (as `find_speaker_ids`) to find their quotes by."""

    ranked: list[tuple[int, float]]
    meant: list[int]


def match_speakers(*, session: Session, name: str) -> NameMatches:
    """`rank_speakers` and `find_speaker_ids` of one name, its candidates scored once."""
    wanted = NameQuery.of(name)
    if not wanted.norm:
        return NameMatches([], [])
    exact = _same_spelling(session, wanted)
    best = _best_tier(session, wanted, exact)
    ranked = _ranked(session, wanted, exact)
    return NameMatches(ranked, _meant(best or ranked))


def _same_spelling(session: Session, wanted: NameQuery) -> set[int]:
    return set(session.exec(select(SpeakerAlias.speaker_id).where(SpeakerAlias.norm_alias == wanted.norm)))


def _best_tier(session: Session, wanted: NameQuery, exact: set[int]) -> list[tuple[int, float]]:
    """The speakers of the first tier that has any: the same spelling, else the same skeleton."""
    if exact:
        return [(i, 3.0) for i in sorted(exact)]
    if wanted.keys:
        same = set(session.exec(select(SpeakerNameKey.speaker_id).where(
            col(SpeakerNameKey.key).in_([f"n:{k}" for k in wanted.keys]))))
        return [(i, 2.0) for i in sorted(same)]
    return []


def _ranked(session: Session, wanted: NameQuery, exact: set[int]) -> list[tuple[int, float]]:
    """Every candidate scored (`NameQuery.score_keys`), the close enough ones kept, best first."""
    keys = wanted.lookup_keys()
    hits = func.sum(case((col(SpeakerNameKey.key).startswith("n:"), 4), else_=1))
    found = session.exec(
        select(SpeakerNameKey.speaker_id).where(col(SpeakerNameKey.key).in_(keys))
        .group_by(SpeakerNameKey.speaker_id).order_by(hits.desc(), SpeakerNameKey.speaker_id).limit(MAX_CANDIDATES)
    ).all() if keys else []
    whole: dict[int, set[str]] = {}
    words: dict[int, set[str]] = {}
    for speaker_id, key in session.exec(
        select(SpeakerNameKey.speaker_id, SpeakerNameKey.key)
        .where(col(SpeakerNameKey.speaker_id).in_(exact | set(found)), col(SpeakerNameKey.key).startswith("n:")
               | col(SpeakerNameKey.key).startswith("w:"))
    ):
        (whole if key.startswith("n:") else words).setdefault(speaker_id, set()).add(key[2:])
    scores = {
        i: wanted.score_keys(same_spelling=i in exact, whole=whole.get(i, set()), words=words.get(i, set()))
        for i in exact | set(found)
    }
    kept = [i for i, score in scores.items() if score >= MIN_NAME_SCORE]
    counts = dict(session.exec(select(Speaker.id, Speaker.quote_count).where(col(Speaker.id).in_(kept))).all())
    return sorted(((i, scores[i]) for i in counts), key=lambda p: (-p[1], -counts[p[0]], p[0]))


def find_speaker_ids(*, session: Session, name: str) -> list[int]:
    """The speakers a name in a quote search means: the best-ranked ones (all that match as
    well as the best), so `Gerasimov` finds Gerasimov's quotes and not a namesake's."""
    return _meant(rank_speakers(session=session, name=name, best_only=True))


def _meant(ranked: list[tuple[int, float]]) -> list[int]:
    """Of a ranking, the speakers that match as well as the best."""
    if not ranked:
        return []
    best = ranked[0][1]
    floor = int(best) if best >= 1 else best - 0.05
    return [speaker_id for speaker_id, score in ranked if score >= floor]


def get_speaker(*, session: Session, speaker_id: int) -> Speaker:
    speaker = session.get(Speaker, speaker_id)
    if speaker is None:
        target = merged_into(session=session, speaker_id=speaker_id)
        extra = {"merged_into": target} if target else None
        raise NotFound(f"no speaker with id {speaker_id}" + (f"; it was merged into {target}" if target else ""),
                       extra=extra)
    return speaker


def speaker_public(*, session: Session, speaker: Speaker) -> SpeakerPublic:
    return speakers_public(session=session, speakers=[speaker])[0]


def speakers_public(*, session: Session, speakers: Sequence[Speaker]) -> list[SpeakerPublic]:
    """Speakers with their aliases and roles, in two queries for the whole page."""
    ids = [s.id for s in speakers]
    aliases: dict[int, list[str]] = {}
    for speaker_id, alias in session.exec(
        select(SpeakerAlias.speaker_id, SpeakerAlias.alias).where(col(SpeakerAlias.speaker_id).in_(ids))
        .order_by(SpeakerAlias.id)
    ):
        aliases.setdefault(speaker_id, []).append(alias)
    roles: dict[int, list[str]] = {}
    for speaker_id, role in session.exec(
        select(SpeakerRole.speaker_id, SpeakerRole.role).where(col(SpeakerRole.speaker_id).in_(ids))
        .order_by(SpeakerRole.id)
    ):
        roles.setdefault(speaker_id, []).append(role)
    return [
        SpeakerPublic(id=s.id, name=s.name, kind=s.kind, aliases=aliases.get(s.id, []), roles=roles.get(s.id, []),
                      quote_count=s.quote_count)
        for s in speakers
    ]


def list_speakers(*, session: Session, q: str | None, limit: int, cursor: str | None) -> Page[SpeakerPublic]:
    """Speakers by id; with `q`, the candidates for that name, best first."""
    if q:
        return ranked_page(session=session, ranked=rank_speakers(session=session, name=q), limit=limit,
                           cursor=cursor)
    query = select(Speaker).order_by(Speaker.id)
    if cursor:
        (last_id,) = decode_cursor(cursor, listing="speaker", kinds=(int,))
        query = query.where(Speaker.id > last_id)
    rows = session.exec(query.limit(limit + 1)).all()
    next_cursor = encode_cursor("speaker", rows[limit - 1].id) if len(rows) > limit else None
    return Page(items=speakers_public(session=session, speakers=rows[:limit]), next_cursor=next_cursor)


def ranked_page(*, session: Session, ranked: list[tuple[int, float]], limit: int,
                cursor: str | None) -> Page[SpeakerPublic]:
    """A page of a ranking (`rank_speakers`); its cursor holds the position reached."""
    start = decode_cursor(cursor, listing="speaker_rank", kinds=(int,))[0] if cursor else 0
    if start < 0:
        raise InvalidInput("cursor is not one this service issued", extra={"parameter": "cursor"})
    ids = [i for i, _ in ranked[start:start + limit]]
    speakers = _by_id(session, Speaker, set(ids))
    rows = [speakers[i] for i in ids]
    next_cursor = encode_cursor("speaker_rank", start + limit) if len(ranked) > start + limit else None
    return Page(items=speakers_public(session=session, speakers=rows), next_cursor=next_cursor)


def quotes_per_month(*, session: Session, speaker_id: int) -> list[tuple[str, int]]:
    """(YYYY-MM, number of quotes) of a speaker, by the quotes' feed dates, in month order;
    counted here from one indexed column, the same on SQLite and PostgreSQL."""
    months: dict[str, int] = {}
    for at in session.exec(select(Quote.sort_at).where(Quote.speaker_id == speaker_id)):
        month = f"{at.year:04d}-{at.month:02d}"  # strftime writes year 1 as "1", not "0001"
        months[month] = months.get(month, 0) + 1
    return sorted(months.items())
