"""The pure drawing helpers of the pages: statement runs with entities, and the month bars."""
from __future__ import annotations

from app.web.marks import Span, mark_up
from app.web.timeline import MAX_BARS, timeline


def _text_of(runs) -> str:  # noqa: ANN001
    return "".join(piece.text for run in runs for piece in run.pieces)


def test_each_statement_is_one_run_with_its_entities_inside() -> None:
    text = "قال فاليري غيراسيموف إن روسيا انتصرت. وأكد الوزير أن الحرب انتهت."
    first = (text.index("روسيا"), text.index("."))
    second = (text.index("الحرب"), len(text) - 1)
    runs = mark_up(text, quotes=[Span(*second, 8), Span(*first, 7)],
                   entities=[Span(text.index("فاليري"), text.index(" إن"), "PER"),
                             Span(text.index("روسيا"), text.index("روسيا") + 5, "LOC")])
    assert _text_of(runs) == text
    marked = [run for run in runs if run.quote_id is not None]
    assert [run.quote_id for run in marked] == [7, 8]
    assert "".join(p.text for p in marked[0].pieces) == text[slice(*first)]
    assert marked[0].pieces[0].entity == "LOC" and marked[0].pieces[0].text == "روسيا"
    assert [p.entity for p in runs[0].pieces] == [None, "PER", None]


def test_overlapping_spans_keep_every_character_once() -> None:
    text = "abcdefghij"
    runs = mark_up(text, quotes=[Span(2, 6, 1), Span(4, 9, 2), Span(3, 5, 3)],
                   entities=[Span(0, 3, "ORG"), Span(1, 8, "PER")])
    assert _text_of(runs) == text
    assert [(run.quote_id, "".join(p.text for p in run.pieces)) for run in runs] == [
        (None, "ab"), (1, "cdef"), (2, "ghi"), (None, "j")]
    pieces = [(p.text, p.entity) for run in runs for p in run.pieces]
    assert pieces[:3] == [("ab", "ORG"), ("c", "ORG"), ("def", "PER")]


def test_no_spans_is_one_plain_run() -> None:
    runs = mark_up("نص", quotes=[], entities=[])
    assert len(runs) == 1 and runs[0].quote_id is None and runs[0].pieces[0].entity is None


def test_timeline_fills_empty_months_and_scales_to_the_busiest() -> None:
    chart = timeline([("2017-11", 2), ("2018-02", 4)], width=400, height=100)
    assert [(b.month, b.count) for b in chart.bars] == [("2017-11", 2), ("2017-12", 0), ("2018-01", 0), ("2018-02", 4)]
    assert chart.most == 4
    assert chart.bars[-1].height == 100 and chart.bars[0].height == 50 and chart.bars[1].height == 0
    assert chart.bars[1].x == 100
    assert timeline([]) is None


def test_a_timeline_over_centuries_has_a_bounded_number_of_bars() -> None:
    chart = timeline([("0001-01", 1), ("1000-01", 2), ("9999-12", 3)])
    assert len(chart.bars) <= MAX_BARS
    assert sum(b.count for b in chart.bars) == 6
    assert (chart.bars[0].month, chart.bars[0].count) == ("0001-01", 1) and chart.bars[-1].count == 3
    assert all(b.width >= 1 for b in chart.bars)
