"""Command line: `quotes ingest PATH...`, `quotes export --format jsonl|csv`, `quotes evaluate
GOLD.jsonl`, `quotes check-speakers [--split]`, `quotes split-speaker ID NAME`, through the same
pipeline, job runner and services as the API."""
from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError
from sqlmodel import Session, func, select

from app import json_text
from app.config import Settings
from app.db import make_engine
from app.errors import AppError, InvalidInput
from app.job_runner import Sessions, drain
from app.models import Article, ArticleCreate, QuotePublic, Speaker, as_utc
from app.nlp.pipeline import Pipeline
from app.services import jobs, query, speaker_split

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
EXPORT_PAGE = 200
# A JSONL row's publication date: the first of these fields it has (corpora name it differently;
# ../shared/news names it date_extracted). ISO 8601, with or without "T" and a zone (none: UTC).
DATE_FIELDS = ("published_at", "date", "date_extracted")


def main(argv: list[str] | None = None, *, pipeline: Pipeline | None = None) -> int:
    parser = argparse.ArgumentParser(prog="quotes", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("evaluate", add_help=False, help="score the pipeline on a gold JSONL file (see --help)")
    ingest = commands.add_parser(
        "ingest", help="analyse and store articles: text files (one article each) or JSONL",
        description="Text files are one article each. JSONL rows (.jsonl, .ndjson) give text and optionally "
                    "title, url, source; the publication date is read from the first of "
                    f"{', '.join(DATE_FIELDS)} that a row has (ISO 8601, e.g. 2015-07-24 15:38:08 or "
                    "2017-12-06T12:00:00+03:00; no zone: UTC). A row whose date cannot be read fails with "
                    "the field named. Other fields (ids, outlets) are ignored.")
    ingest.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")
    export = commands.add_parser("export", help="write stored quotes, newest first, with GET /quotes' filters")
    export.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    export.add_argument("--out", type=Path, help="file to write (default: standard output)")
    export.add_argument("--speaker", help="a name as typed")
    export.add_argument("--q", help="words in the statement")
    export.add_argument("--since", type=datetime.fromisoformat, help="ISO date or datetime (UTC if no zone)")
    export.add_argument("--until", type=datetime.fromisoformat)
    export.add_argument("--type", choices=("direct", "indirect", "mixed"))
    export.add_argument("--article-id", type=int)
    check = commands.add_parser("check-speakers", help="re-check stored speakers with the identity rules: list "
                                "the ones holding names of different people (merged by older rules)")
    check.add_argument("--split", action="store_true", help="and split each other person's names out")
    split = commands.add_parser("split-speaker", help="take a wrongly merged name out of a speaker with its quotes")
    split.add_argument("speaker_id", type=int)
    split.add_argument("name")
    args, rest = parser.parse_known_args(argv)
    if args.command == "evaluate":
        from app.evaluate import main as evaluate

        return evaluate(rest) or 0
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    settings = Settings()
    engine = make_engine(settings.database_url)
    try:
        if args.command == "ingest":
            return ingest_files(args.paths, settings=settings, sessions=lambda: Session(engine),
                                pipeline=pipeline, progress=not args.quiet)
        if args.command == "check-speakers":
            with Session(engine) as session:
                return check_speakers(session=session, split=args.split)
        if args.command == "split-speaker":
            with Session(engine) as session:
                return split_one_speaker(session=session, speaker_id=args.speaker_id, name=args.name)
        with Session(engine) as session, _output(args.out) as out:
            count = export_quotes(session=session, out=out, format=args.format, filters=_filters(args))
        print(f"exported {count} quotes", file=sys.stderr)
        return 0
    finally:
        engine.dispose()


# --- ingest ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Found:
    """An article read from a file: where it came from (`file` or `file:line`), the article or
    why it cannot be used, and which field gave its publication date."""

    label: str
    entry: ArticleCreate | AppError
    date_field: str | None = None


def read_articles(paths: list[Path], *, max_chars: int) -> Iterator[Found]:
    for path in paths:
        try:
            content = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            yield Found(str(path), InvalidInput(f"cannot read the file: {exc}"))
            continue
        if path.suffix.lower() not in JSONL_SUFFIXES:
            yield Found(str(path), _checked({"text": content}, max_chars=max_chars))
            continue
        for number, line in enumerate(content.splitlines(), 1):
            if line.strip():
                yield _checked_line(f"{path}:{number}", line, max_chars=max_chars)


def _checked_line(label: str, line: str, *, max_chars: int) -> Found:
    try:
        row = json_text.loads(line)
    except ValueError:
        return Found(label, InvalidInput("the line is not valid JSON"))
    if not isinstance(row, dict):
        return Found(label, InvalidInput("the line is not a JSON object"))
    # Other fields a corpus carries (ids, outlets) are left out, not refused.
    article = {k: v for k, v in row.items() if k in ArticleCreate.model_fields and k != "published_at"}
    date_field = next((name for name in DATE_FIELDS if row.get(name) not in (None, "")), None)
    if date_field is not None:
        try:  # checked alone first, so that the error names the field the row used
            ArticleCreate.model_validate({"published_at": row[date_field]})
        except ValidationError as exc:
            return Found(label, InvalidInput(f"{date_field}: {exc.errors()[0]['msg']}"), date_field)
        article["published_at"] = row[date_field]
    return Found(label, _checked(article, max_chars=max_chars), date_field)


def _checked(raw: dict, *, max_chars: int) -> ArticleCreate | AppError:
    try:
        return jobs.check_draft(raw, max_chars=max_chars)
    except AppError as exc:
        return exc


def ingest_files(paths: list[Path], *, settings: Settings, sessions: Sessions, pipeline: Pipeline | None,
                 progress: bool) -> int:
    """Store the articles as one job run here, chunk by chunk; prints a summary. Exit code 1
    when some article failed. The progress bar counts articles as each is stored, and shows
    the sentences tagged of the chunk the model works on (most of the time goes there)."""
    from tqdm import tqdm

    from app.main import load_pipeline

    found = list(read_articles(paths, max_chars=settings.max_text_chars))
    labels, entries = [f.label for f in found], [f.entry for f in found]
    if not entries:
        print("no article found", file=sys.stderr)
        return 1
    with sessions() as session:
        before = _article_count(session)
        job_id = jobs.create_job(session=session, entries=entries).id
        session.commit()
    pipeline = pipeline or load_pipeline(settings)
    started = time.perf_counter()
    with tqdm(total=len(entries), unit="article", disable=not progress, file=sys.stderr) as bar:
        bar.update(sum(isinstance(e, AppError) for e in entries))

        def show_settled() -> None:  # articles already stored are settled without the store: count them all
            if not bar.disable:
                with sessions() as session:
                    job = jobs.job_public(session=session, job_id=job_id)
                bar.update(job.done + job.failed - bar.n)

        def show_tagging(done: int, total: int) -> None:
            bar.set_postfix_str(f"tagging {done}/{total} sentences" if done < total else "")

        drain(sessions=sessions, pipeline=pipeline, settings=settings, job_id=job_id,
              on_settled=show_settled, on_tagging=show_tagging)
    seconds = time.perf_counter() - started
    with sessions() as session:
        job = jobs.job_public(session=session, job_id=job_id)
        new = _article_count(session) - before
    print(f"{len(entries)} articles from {len(paths)} file(s) in {seconds:.1f} s: {new} new, "
          f"{job.done - new} already stored, {job.failed} failed")
    dates = Counter(f.date_field for f in found if f.date_field)
    print("publication dates: " + (", ".join(f"{count} from {name}" for name, count in dates.items())
                                    or "none given"))
    for error in job.errors:
        print(f"  {labels[error.index]}: {error.error}")
    return 1 if job.failed else 0


def _article_count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(Article)).one()


# --- speakers -------------------------------------------------------------------------

def check_speakers(*, session: Session, split: bool) -> int:
    """Print each speaker holding names of different people; with `split`, take each other
    person's names out (one transaction). Exit code 1 when some were found and left."""
    found = speaker_split.merged_people(session=session)
    moved = 0
    for merged in found:
        print(f"speaker {merged.speaker_id} {merged.name} ({merged.quote_count} quotes) also holds: "
              + "; ".join(" | ".join(names) for names in merged.others))
        if split:
            speaker = session.get(Speaker, merged.speaker_id)
            for names in merged.others:
                record = speaker_split.split_speaker(session=session, speaker=speaker, name=max(names, key=len),
                                                     reason="split by the identity re-check", without_quotes=False)
                if record is None:
                    print(f"  left {max(names, key=len)}: no quote was said under it")
                    continue
                moved += record.quotes_moved
                print(f"  split {record.name}: {record.quotes_moved} quotes to speaker {record.target_id}")
    if split:
        session.commit()
    total = session.exec(select(func.count()).select_from(Speaker)).one()
    print(f"{len(found)} of {total} speakers hold names of different people"
          + (f"; split, {moved} quotes moved" if split else ""))
    return 1 if found and not split else 0


def split_one_speaker(*, session: Session, speaker_id: int, name: str) -> int:
    try:
        speaker = query.get_speaker(session=session, speaker_id=speaker_id)
        record = speaker_split.split_speaker(session=session, speaker=speaker, name=name, reason="split by a user")
    except AppError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    session.commit()
    print(f"{record.quotes_moved} quotes said as {record.name} moved from speaker {speaker_id} "
          f"to speaker {record.target_id}")
    return 0


# --- export ---------------------------------------------------------------------------

CSV_COLUMNS = ("id", "statement", "type", "cue", "start", "end", "confidence", "mention",
               "speaker_id", "speaker_name", "speaker_kind",
               "article_id", "article_title", "article_url", "article_published_at")


def export_quotes(*, session: Session, out: TextIO, format: str, filters: dict[str, Any]) -> int:
    """Every quote the filters select, page by page through the same query as `GET /quotes`."""
    writer = csv.writer(out) if format == "csv" else None
    if writer:
        writer.writerow(CSV_COLUMNS)
    count, cursor = 0, None
    while True:
        page = query.list_quotes(session=session, limit=EXPORT_PAGE, cursor=cursor, **filters)
        for quote in page.items:
            if writer:
                writer.writerow(_csv_row(quote))
            else:
                out.write(quote.model_dump_json() + "\n")
        count += len(page.items)
        if page.next_cursor is None:
            return count
        cursor = page.next_cursor


def _csv_row(quote: QuotePublic) -> list[Any]:
    published = quote.article.published_at
    return [quote.id, quote.statement, quote.type, quote.cue, quote.start, quote.end, quote.confidence,
            quote.mention, quote.speaker.id, quote.speaker.name, quote.speaker.kind, quote.article.id,
            quote.article.title or "", quote.article.url or "", published.isoformat() if published else ""]


def _filters(args: argparse.Namespace) -> dict[str, Any]:
    return {"speaker": args.speaker, "q": args.q, "since": as_utc(args.since), "until": as_utc(args.until),
            "type": args.type, "article_id": args.article_id}


@contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    """The file named, or standard output (left open)."""
    if path is None:
        yield sys.stdout
        return
    with path.open("w", encoding="utf-8", newline="") as file:
        yield file


if __name__ == "__main__":
    sys.exit(main())
