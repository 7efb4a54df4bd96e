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


MAX_BARS = 240  # beyond twenty years of months, a bar stands for several months


def timeline(counts: Sequence[tuple[str, int]], *, width: int = WIDTH, height: int = HEIGHT) -> Timeline | None:
    """Bars for every month from the first quoted month to the last (months with no quote
    included, at zero), or for runs of months when there are more than MAX_BARS (a bar is
    labelled by its first month), so the chart's size is bounded whatever the dates; None when
    there is nothing to draw. `counts` holds (YYYY-MM, n)."""
    if not counts:
        return None
    by_month = dict(counts)
    first, last = (date.fromisoformat(f"{m}-01") for m in (min(by_month), max(by_month)))
    span = (last.year - first.year) * 12 + last.month - first.month + 1
    per_bar = -(-span // MAX_BARS)
    totals = [0] * -(-span // per_bar)
    for month, n in by_month.items():
        year, number = int(month[:4]), int(month[5:7])
        totals[((year - first.year) * 12 + number - first.month) // per_bar] += n
    most = max(totals)
    step = width / len(totals)
    bars = tuple(
        Bar(month=_month_after(first, i * per_bar), count=n, x=round(i * step, 2), y=round(height * (1 - n / most), 2),
            width=round(min(max(step * 0.8, 1), MAX_BAR_WIDTH), 2), height=round(height * n / most, 2))
        for i, n in enumerate(totals)
    )
    return Timeline(bars=bars, width=width, height=height, most=most)


def _month_after(first: date, months: int) -> str:
    year, month = divmod(first.year * 12 + first.month - 1 + months, 12)
    return f"{year:04d}-{month + 1:02d}"
