"""`quotes ingest`, `quotes export` and `quotes check-speakers` against a real database."""
from __future__ import annotations

import csv
import json

import pytest
from sqlmodel import Session, func, select

from app.cli import CSV_COLUMNS, main
from app.db import make_engine
from app.models import Article, Speaker
from app.services import query, speakers
from tests.api.test_articles import SHORT
from tests.api.test_speaker_identity import person, store
from tests.conftest import SHARED, read_jsonl


@pytest.fixture
def db(database_url, monkeypatch):  # noqa: ANN001, ANN201
    monkeypatch.setenv("DATABASE_URL", database_url)
    eng = make_engine(database_url)
    yield eng
    eng.dispose()


@pytest.fixture
def inputs(tmp_path):  # noqa: ANN001, ANN201
    text_file = tmp_path / "short.txt"
    text_file.write_text(SHORT, encoding="utf-8")
    rows = read_jsonl(SHARED / "news" / "articles.jsonl")[:2]  # they carry ids and outlets too
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
