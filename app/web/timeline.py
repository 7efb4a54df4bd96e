"""A speaker's quotes per month as the bars of a small SVG chart, computed here so the page
draws it with no script and no outside service."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

WIDTH, HEIGHT = 600, 120
MAX_BAR_WIDTH = 40  # a few months do not make slabs


@dataclass(frozen=True)
class Bar:
    month: str  # YYYY-MM
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Timeline:
    bars: tuple[Bar, ...]
    width: int
    height: int
    most: int


def _months(first: date, last: date) -> list[str]:
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def timeline(counts: Sequence[tuple[str, int]], *, width: int = WIDTH, height: int = HEIGHT) -> Timeline | None:
    """Bars for every month from the first quoted month to the last (months with no quote
    included, at zero); None when there is nothing to draw. `counts` holds (YYYY-MM, n)."""
    if not counts:
        return None
    by_month = dict(counts)
    first, last = (date.fromisoformat(f"{m}-01") for m in (min(by_month), max(by_month)))
    months = _months(first, last)
    most = max(by_month.values())
    step = width / len(months)
    bars = tuple(
        Bar(month=m, count=by_month.get(m, 0), x=round(i * step, 2), y=round(height * (1 - by_month.get(m, 0) / most), 2),
            width=round(min(max(step * 0.8, 1), MAX_BAR_WIDTH), 2), height=round(height * by_month.get(m, 0) / most, 2))
        for i, m in enumerate(months)
    )
    return Timeline(bars=bars, width=width, height=height, most=most)
