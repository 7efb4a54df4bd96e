"""Batch jobs: one item per article, claimed by workers under a lease.

A claim marks items `running` until `lease_until`; the worker settles each one as `done` in
the transaction that stores its article, or gives it back with its error. A lease that runs
out (its worker died) makes the item claimable again, until `max_attempts` is spent.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from pydantic import ValidationError
from sqlalchemy import and_, case, func, or_, update
from sqlmodel import Session, col, select

from app.errors import AppError, InvalidInput, NotFound
from app.models import ArticleCreate, Job, JobItem, JobItemError, JobPublic, as_utc, utcnow
from app.services.ingest import check_text
from app.unstorable import check_document

PENDING, RUNNING, DONE, FAILED = "pending", "running", "done", "failed"
MAX_ERROR_CHARS = 2000


def check_draft(raw: object, *, max_chars: int) -> ArticleCreate:
    """One article of a batch as posted; raises an AppError naming what is wrong. Its strings
    are checked as `/articles` checks a body: one a database cannot hold would fail the worker
    that claims it, not the request."""
    check_document(raw, root=("article",))
    try:
        draft = ArticleCreate.model_validate(raw)
    except ValidationError as exc:
        raise InvalidInput("; ".join(_where(e["loc"]) + e["msg"] for e in exc.errors())) from exc
    if draft.text is None:
        raise InvalidInput("text: a batch article needs its text")
    check_text(draft.text, max_chars=max_chars)
    return draft


def _where(loc: tuple) -> str:
    return ".".join(map(str, loc)) + ": " if loc else ""


def create_job(*, session: Session, entries: Sequence[ArticleCreate | AppError]) -> Job:
    """A job with one pending item per article; an entry that is an error is recorded failed."""
    job = Job()
    session.add(job)
    session.flush()
    for position, entry in enumerate(entries):
        if isinstance(entry, AppError):
            item = JobItem(job_id=job.id, position=position, status=FAILED, error=entry.detail)
        else:
            item = JobItem(job_id=job.id, position=position, draft=entry.model_dump_json(exclude_unset=True))
        session.add(item)
    session.flush()
    return job


def claim(*, session: Session, job_id: int | None, limit: int, lease_seconds: float, max_attempts: int,
          half_from: int | None = None, holder: str | None = None) -> list[JobItem]:
    """Take up to `limit` claimable items (of one job, or of any); concurrent workers never
    get the same item (SKIP LOCKED on PostgreSQL, SQLite's single writer).

    With `half_from`, once fewer than 2 x `limit` are left a claim takes half of them (never
    fewer than `half_from`): workers sharing a job then finish together, instead of one
    working through a last full chunk while the others idle."""
    now = utcnow()
    _fail_exhausted(session=session, job_id=job_id, now=now, max_attempts=max_attempts)
    claimable = and_(
        or_(JobItem.status == PENDING, and_(JobItem.status == RUNNING, col(JobItem.lease_until) < now)),
        col(JobItem.attempts) < max_attempts,
    )
    if half_from is not None:
        counted = select(func.count()).select_from(JobItem).where(claimable)
        if job_id is not None:
            counted = counted.where(JobItem.job_id == job_id)
        limit = min(limit, max(half_from, -(-session.exec(counted).one() // 2)))
    ids = _locked_ids(claimable, job_id=job_id, limit=limit)
    claimed = session.exec(
        update(JobItem).where(col(JobItem.id).in_(ids))
        .values(status=RUNNING, attempts=JobItem.attempts + 1, lease_until=now + timedelta(seconds=lease_seconds),
                holder=holder)
        .returning(JobItem.id).execution_options(synchronize_session=False)
    ).scalars().all()
    if not claimed:
        return []
    return list(session.exec(
        select(JobItem).where(col(JobItem.id).in_(claimed)).order_by(JobItem.id)
        .execution_options(populate_existing=True)
    ).all())


def _fail_exhausted(*, session: Session, job_id: int | None, now: datetime, max_attempts: int) -> None:
    """Items whose worker died on every attempt: failed, so the job can finish."""
    exhausted = and_(JobItem.status == RUNNING, col(JobItem.lease_until) < now, col(JobItem.attempts) >= max_attempts)
    session.exec(
        update(JobItem).where(col(JobItem.id).in_(_locked_ids(exhausted, job_id=job_id, limit=None)))
        .values(status=FAILED, lease_until=None,
                error=f"the worker stopped while processing this article, {max_attempts} times")
        .execution_options(synchronize_session=False)
    )


def _locked_ids(condition, *, job_id: int | None, limit: int | None):  # noqa: ANN001, ANN202
    query = select(JobItem.id).where(condition)
    if job_id is not None:
        query = query.where(JobItem.job_id == job_id)
    return query.order_by(JobItem.id).limit(limit).with_for_update(skip_locked=True).scalar_subquery()


def draft_of(draft: str | None) -> ArticleCreate:
    """The article a claimed item carries, checked again: it may have been queued before a check existed."""
    assert draft is not None, "only pending items carry their article"
    article = ArticleCreate.model_validate_json(draft)
    check_document(article.model_dump(), root=("article",))
    return article


def settle_done(*, session: Session, item_id: int, article_id: int) -> None:
    """Done with its article; the draft is dropped, the article holds the text now."""
    session.exec(
        update(JobItem).where(JobItem.id == item_id, JobItem.status == RUNNING)
        .values(status=DONE, article_id=article_id, draft=None, lease_until=None, error=None)
        .execution_options(synchronize_session=False)
    )


def give_back(*, session: Session, item_id: int, error: str, max_attempts: int) -> None:
    """Pending again for another attempt, or failed with its error once attempts are spent."""
    spent = col(JobItem.attempts) >= max_attempts
    session.exec(
        update(JobItem).where(JobItem.id == item_id, JobItem.status == RUNNING)
        .values(status=case((spent, FAILED), else_=PENDING), lease_until=None, error=error[:MAX_ERROR_CHARS])
        .execution_options(synchronize_session=False)
    )


def job_public(*, session: Session, job_id: int) -> JobPublic:
    job = session.get(Job, job_id)
    if job is None:
        raise NotFound(f"no job with id {job_id}")
    counts = dict(session.exec(
        select(JobItem.status, func.count()).where(JobItem.job_id == job_id).group_by(JobItem.status)
    ).all())
    failed = session.exec(
        select(JobItem).where(JobItem.job_id == job_id, JobItem.status == FAILED).order_by(JobItem.position)
    ).all()
    pending, running = counts.get(PENDING, 0), counts.get(RUNNING, 0)
    return JobPublic(
        id=job_id, created_at=job.created_at, total=sum(counts.values()), done=counts.get(DONE, 0),
        failed=counts.get(FAILED, 0), pending=pending, running=running, finished=pending + running == 0,
        errors=[JobItemError(index=i.position, error=i.error or "", attempts=i.attempts) for i in failed],
    )


def end_leases_of_dead(*, session: Session, known_dead: Callable[[str], bool]) -> int:
    """Running items whose holder is known dead become claimable now, not when their lease runs
    out; the dead claim counted as an attempt. Returns how many."""
    holders = session.exec(select(JobItem.holder).where(JobItem.status == RUNNING, col(JobItem.holder).is_not(None))
                           .distinct()).all()
    dead = [h for h in holders if h is not None and known_dead(h)]
    if not dead:
        return 0
    ended = session.exec(
        update(JobItem).where(JobItem.status == RUNNING, col(JobItem.holder).in_(dead))
        .values(lease_until=utcnow()).execution_options(synchronize_session=False)
    )
    return ended.rowcount


def unfinished_job_ids(*, session: Session) -> list[int]:
    return list(session.exec(
        select(JobItem.job_id).where(col(JobItem.status).in_((PENDING, RUNNING))).distinct().order_by(JobItem.job_id)
    ).all())


def next_lease_expiry(*, session: Session, job_id: int | None) -> datetime | None:
    """When the soonest lease held by a worker runs out: the time to look again for a dead one."""
    query = select(func.min(JobItem.lease_until)).where(JobItem.status == RUNNING)
    if job_id is not None:
        query = query.where(JobItem.job_id == job_id)
    return as_utc(session.exec(query).one())
