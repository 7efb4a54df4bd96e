"""A statement found in an article, before its speaker is resolved."""
from __future__ import annotations

from dataclasses import dataclass

INTERVIEW = -2  # cue_index of an interview answer: the speaker is the interviewee
CONTINUATION = -3  # cue_index of a quotation paragraph continuing the previous speaker
# Cue filters that read the word as something else for certain (a passive, an adjective, a
# noun, "which shows", "via", "between"): candidate filters in every mode. In broad mode the
# other filters only become features for the learned decision.
HARD_FILTERS = frozenset({"passive", "adjective", "noun", "which_shows", "via", "between_list", "between_pair"})


@dataclass
class Candidate:
    start: int
    end: int
    type: str  # direct / indirect / mixed
    cue: str
    cue_index: int  # token index of the cue (-1 for headline quotes)
    zone: tuple[int, int]  # token range [a, b) where the speaker is named, may be empty
    feminine: bool | None
    confidence: float  # how sure we are this is a statement (speaker confidence comes later)
    source_first: bool = False  # the speaker precedes the statement (headline, SVO)
    rejected_by: str = ""  # the hand filter that turned the cue down (broad candidates only)
