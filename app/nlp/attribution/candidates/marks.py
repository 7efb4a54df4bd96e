"""Pair quotation marks into spans.

The press mixes “…”, «…», "…" and „…“, nests them (“… “الخلافة” …”), writes ” as an
opener (لـ”داعش”, or mirrored ”…“), closes « with « and leaves quotations unclosed at a
paragraph end. The pairing is forgiving: it never fails, it returns the spans it can justify.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

PAIRS = {"“": "”", "«": "»", "„": "“", "\"": "\"", "”": "”"}
_MARK = re.compile("[" + "".join(PAIRS) + "]")  # the scan jumps from one mark to the next
_MARK_OR_LINE = re.compile("[" + "".join(PAIRS) + "»\n]")  # ... and so does the search for a closer
MAX_SPAN = 6000


@dataclass(frozen=True, slots=True)
class MarkSpan:
    open: int  # offset of the opening mark
    close: int  # offset of the closing mark (== paragraph end if unclosed)
    closed: bool
    depth: int  # 0 = top level

    @property
    def inner(self) -> tuple[int, int]:
        return self.open + 1, self.close


def pair_marks(text: str) -> list[MarkSpan]:
    text = text.replace("&quot;", "      ")  # HTML-escaped marks (titles only): ignored
    spans: list[MarkSpan] = []
    _scan(text, 0, len(text), 0, spans)
    return sorted(spans, key=lambda s: s.open)


def _scan(text: str, start: int, end: int, depth: int, out: list[MarkSpan]) -> None:
    i = start
    while (found := _MARK.search(text, i, end)) is not None:
        i = found.start()
        if _is_opener(text, i):
            close, closed = _find_close(text, i, end)
            out.append(MarkSpan(i, close, closed, depth))
            if depth < 2:
                _scan(text, i + 1, close, depth + 1, out)
            i = close + 1
            continue
        i += 1


def _is_opener(text: str, i: int) -> bool:
    ch = text[i]
    if ch == "”":  # a closer used as an opener (لـ”داعش”): only before a letter
        return i + 1 < len(text) and text[i + 1].isalpha()
    if ch == "\"":
        # a straight mark opens after a space, punctuation or a proclitic (لـ"سبق")
        prev = text[i - 1] if i else " "
        if prev.isalpha() and prev != "ـ" and not (i >= 2 and text[i - 2] == " " and prev in "لبو"):
            return False
        return i + 1 < len(text) and text[i + 1] != "\n" or i + 1 < len(text) and text[i + 1] == "\n"
    return _quotes_something(text, i)


def _quotes_something(text: str, i: int) -> bool:
    """An opening mark is followed by what it quotes: one before a full stop or a line end
    (…ومكتسباته “.) closes a quotation, whatever its glyph."""
    k = i + 1
    while k < len(text) and text[k] in " \t":
        k += 1
    return k < len(text) and text[k] not in ".،,:؛!?\n"


def _find_close(text: str, i: int, end: int) -> tuple[int, bool]:
    opener = text[i]
    closer = PAIRS[opener]
    para_end = text.find("\n", i)
    para_end = end if para_end == -1 or para_end > end else para_end
    limit = min(end, i + MAX_SPAN)
    depth = 0
    nested = -1  # a straight mark that opened inside a straight quotation
    j = i + 1
    while (found := _MARK_OR_LINE.search(text, j, limit)) is not None:  # other characters change nothing
        j = found.start()
        ch = text[j]
        if opener == "«" and ch == "«" and depth == 0 and _looks_closing(text, j):
            return j, True
        if opener == "\"" and ch == "\n" and nested >= 0:
            return nested, False  # the inner mark opened a new quotation after all: this one never closed
        if opener in "“«" and ch == opener:
            depth += 1
        elif ch == closer or (opener == "„" and ch == "”") or (opener == "”" and ch == "“" and depth == 0):
            # ”…“: mirrored marks, as right-to-left copy sometimes has them
            if opener == "\"" and _opener_like(text, j):
                # "… صباحاً "لاستلام الجثة" واستكمال …": a quotation inside, if one closes the
                # outer mark before the paragraph ends; else a new quotation (this one never closed)
                nested = j if nested < 0 else nested
                depth += 1
                j += 1
                continue
            if depth == 0:
                return j, True
            depth -= 1
        elif ch == "\n" and opener != "\"" and _reopens(text, j, opener):
            # a quotation that reopens at each paragraph (“…\n“…”): one quotation
            j = text.index(opener, j)
        elif ch == "\n" and opener != "\"" and not _closer_ahead(text, j, closer, limit):
            return j, False
        j += 1
    return (nested, False) if nested >= 0 else (para_end, False)


def _opener_like(text: str, j: int) -> bool:
    """A straight mark after a space and before a letter opens; it does not close."""
    before = text[j - 1] if j else " "
    after = text[j + 1] if j + 1 < len(text) else " "
    return before.isspace() and after.isalpha()


def _looks_closing(text: str, j: int) -> bool:
    """« used as a closer: preceded by text, followed by space/punctuation."""
    before = text[j - 1] if j else " "
    after = text[j + 1] if j + 1 < len(text) else " "
    return (before.isspace() or before.isalpha()) and (after.isspace() or after in "،,.") and \
        text.rfind("\n", 0, j) < text.rfind("«", 0, j)


def _reopens(text: str, newline: int, opener: str) -> bool:
    """The next paragraph starts with the same opening mark."""
    k = newline
    while k < len(text) and text[k].isspace():
        k += 1
    return k < len(text) and text[k] == opener and k > newline


def _closer_ahead(text: str, newline: int, closer: str, limit: int) -> bool:
    """A quotation may run over paragraphs when its closer comes before any new opener."""
    k = text.find(closer, newline)
    if k == -1 or k >= limit:
        return False
    reopen = [text.find(o, newline, k) for o in "“«"]
    return all(r == -1 for r in reopen)
