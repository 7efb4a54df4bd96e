"""Spans sorted by start with the furthest end reached so far ("sorted starts + running reach").

Whether any of a set of spans covers, overlaps or holds a point is then one bisection, not a
scan: the entities of an article, its closed quotations, its statements.
"""
from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable


class Reach:
    """Spans (start, end) fixed once; the questions below read only their starts and running reach."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans, key=lambda span: span[0])  # ties need no order: only the running max is read
        self.starts = [start for start, _ in ordered]
        self.reach = list(itertools.accumulate((end for _, end in ordered), max))

    def _furthest(self, n: int) -> int | None:
        """The furthest end of the first n spans by start (None if n is 0)."""
        return self.reach[n - 1] if n else None

    def covers(self, start: int, end: int) -> bool:
        """Some span starts at or before `start` and ends at or after `end`."""
        reach = self._furthest(bisect.bisect_right(self.starts, start))
        return reach is not None and reach >= end

    def overlaps(self, start: int, end: int) -> bool:
        """Some span starts before `end` and ends after `start`."""
        reach = self._furthest(bisect.bisect_left(self.starts, end))
        return reach is not None and reach > start

    def contains(self, offset: int) -> bool:
        """Some span starts at or before `offset` and ends after it."""
        reach = self._furthest(bisect.bisect_right(self.starts, offset))
        return reach is not None and reach > offset

    def surrounds(self, offset: int) -> bool:
        """Some span starts before `offset` and ends after it (the offset strictly inside)."""
        reach = self._furthest(bisect.bisect_left(self.starts, offset))
        return reach is not None and reach > offset
