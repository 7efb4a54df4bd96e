"""`quotes ingest`, `quotes export` and `quotes check-speakers` against a real database."""
from __future__ import annotations

import csv
import json
from datetime import UTC, datetime

import pytest
import tqdm
from sqlmodel import Session, func, select

from app.cli import CSV_COLUMNS, main
from app.db import make_engine
from app.models import Article, Speaker
from app.nlp import ner
from app.services import query, speakers
from tests.api.test_articles import SHORT
from tests.api.test_speaker_identity import person, store
from tests.conftest import example_variants


@pytest.fixture
def db(database_url, monkeypatch):  # noqa: ANN001, ANN201
    monkeypatch.setenv("DATABASE_URL", database_url)
    eng = make_engine(database_url)
    yield eng
    eng.dispose()


@pytest.fixture
def inputs(tmp_path, example_article):  # noqa: ANN001, ANN201
    text_file = tmp_path / "short.txt"
    text_file.write_text(SHORT, encoding="utf-8")
    # with an id and an outlet, as corpus rows carry them
    rows = [{"id": f"example_{n}", "outlet": "example", **row}
            for n, row in enumerate(example_variants(example_article, 2), 1)]
    lines = [json.dumps(row, ensure_ascii=False) for row in rows] + ["{broken", json.dumps({"text": "latin only"})]
    jsonl = tmp_path / "news.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return text_file, jsonl, rows


def test_ingest_stores_files_and_reports_failures(db, pipeline, inputs, capsys):
    text_file, jsonl, rows = inputs
    assert main(["ingest", str(text_file), str(jsonl)], pipeline=pipeline) == 1
    out = capsys.readouterr().out
    assert "5 articles from 2 file(s)" in out and "3 new, 0 already stored, 2 failed" in out
    assert f"{jsonl}:3: the line is not valid JSON" in out
    assert f"{jsonl}:4: text contains no Arabic" in out
    with Session(db) as session:
        stored = session.exec(select(Article).order_by(Article.id)).all()
    assert [(a.url, a.title) for a in stored[1:]] == [(r["url"], r["title"]) for r in rows]
    assert stored[0].text == SHORT

    assert main(["ingest", "--quiet", str(text_file)], pipeline=pipeline) == 0
    assert "0 new, 1 already stored, 0 failed" in capsys.readouterr().out
    with Session(db) as session:
        assert session.exec(select(func.count()).select_from(Article)).one() == 3


def test_ingest_reads_the_publication_date_from_the_first_date_field_a_row_has(db, pipeline, example_article,
                                                                              tmp_path, capsys):
    first, second, third, bad = ({k: v for k, v in row.items() if k != "published_at"}
                                 for row in example_variants(example_article, 4))
    rows = [{**first, "date_extracted": "2015-07-24 15:38:08"},  # as ../shared/news writes it: UTC
            {**second, "date": "2016-01-02", "date_extracted": "2015-07-24 15:38:08"},
            {**third, "published_at": "2017-12-06T12:00:00+03:00", "date": "2016-01-02"},
            {**bad, "date_extracted": "24/07/2015"}]
    jsonl = tmp_path / "dated.jsonl"
    jsonl.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    assert main(["ingest", "--quiet", str(jsonl)], pipeline=pipeline) == 1
    out = capsys.readouterr().out
    assert f"{jsonl}:4: date_extracted: " in out and "ISO 8601" in out
    assert "publication dates: 2 from date_extracted, 1 from date, 1 from published_at" in out
    with Session(db) as session:
        dated = {a.url: a.published_at for a in session.exec(select(Article))}
    assert dated == {first["url"]: datetime(2015, 7, 24, 15, 38, 8, tzinfo=UTC),
                     second["url"]: datetime(2016, 1, 2, tzinfo=UTC),
                     third["url"]: datetime(2017, 12, 6, 9, tzinfo=UTC)}


def test_ingest_progress_moves_per_article_and_while_the_model_tags(db, pipeline, example_article, tmp_path,
                                                                    monkeypatch):
    seen: list[tuple[str, object]] = []

    class RecordingBar(tqdm.tqdm):
        def update(self, n=1):  # noqa: ANN001, ANN202
            shown = super().update(n)
            seen.append(("count", self.n))
            return shown

        def set_postfix_str(self, s="", refresh=True):  # noqa: ANN001, ANN202
            seen.append(("postfix", s))
            return super().set_postfix_str(s, refresh)

    monkeypatch.setattr(tqdm, "tqdm", RecordingBar)
    monkeypatch.setattr(ner, "_PROGRESS_SENTENCES", 8)  # the example's ~50 sentences in several calls
    jsonl = tmp_path / "four.jsonl"
    jsonl.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n"
                             for row in example_variants(example_article, 4)), encoding="utf-8")
    assert main(["ingest", str(jsonl)], pipeline=pipeline) == 0  # one chunk of 4 (INGEST_CHUNK_SIZE 128)
    counts = [n for kind, n in seen if kind == "count"]
    assert counts == sorted(counts) and {1, 2, 3, 4} <= set(counts), counts
    tagging = [s for kind, s in seen if kind == "postfix" and s]
    assert len(tagging) >= 3 and all(s.startswith("tagging ") and s.endswith(" sentences") for s in tagging)


def test_export_jsonl_and_csv_with_filters(db, pipeline, inputs, tmp_path, capsys):
    _, jsonl, _ = inputs
    main(["ingest", "--quiet", str(jsonl)], pipeline=pipeline)
    with Session(db) as session:
        every = query.list_quotes(session=session, limit=1000).items
        direct = query.list_quotes(session=session, type="direct", limit=1000).items
    assert every and direct

    out = tmp_path / "quotes.jsonl"
    assert main(["export", "--out", str(out)]) == 0
    exported = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert exported == [json.loads(q.model_dump_json()) for q in every]

    out = tmp_path / "direct.csv"
    assert main(["export", "--format", "csv", "--type", "direct", "--out", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as f:
        table = list(csv.DictReader(f))
    assert tuple(table[0]) == CSV_COLUMNS
    assert [(int(r["id"]), r["statement"], r["speaker_name"]) for r in table] == [
        (q.id, q.statement, q.speaker.name) for q in direct]
    assert f"exported {len(direct)} quotes" in capsys.readouterr().err

    assert main(["export", "--speaker", "لا أحد بهذا الاسم"]) == 0
    assert capsys.readouterr().out == ""


def test_check_speakers_lists_and_splits_what_older_rules_merged(db, capsys):
    with Session(db) as session:
        store(session, (person("سعد الحربي"), "الأول"), (person("فاليري غيراسيموف", "غيراسيموف"), "الثاني"))
        store(session, (person("سعيد الحربي"), "الثالث"), (person("فاليري جيراسيموف"), "الرابع"))
        store(session, (person("لينا"), "الخامس"))
        store(session, (person("ليون"), "السادس"))
        saad, said, lina, leon = (query.find_speaker_ids(session=session, name=n)[0]
                                  for n in ("سعد الحربي", "سعيد الحربي", "لينا", "ليون"))
        for target, source in ((saad, said), (lina, leon)):  # what the consonant skeleton used to merge
            speakers.merge_speakers(session=session, target=session.get(Speaker, target),
                                    source=session.get(Speaker, source), reason="same skeleton")
        session.commit()
    assert main(["check-speakers"]) == 1
    out = capsys.readouterr().out
    assert f"speaker {saad} سعد الحربي (2 quotes) also holds: سعيد الحربي" in out
    assert f"speaker {lina} لينا (2 quotes) also holds: ليون" in out
    assert "2 of " in out and "غيراسيموف" not in out
    assert main(["check-speakers", "--split"]) == 0
    assert "split, 2 quotes moved" in capsys.readouterr().out
    assert main(["check-speakers"]) == 0
    with Session(db) as session:
        assert [q.statement for q in query.list_quotes(session=session, speaker="ليون", limit=5).items] == ["السادس"]
    assert main(["split-speaker", str(saad), "عمرو"]) == 2
    assert "not known by that name" in capsys.readouterr().err
