"""What speaker resolution answers, and the article's index of person names."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from app.nlp.attribution import lexicon as lx
from app.nlp.types import Speaker


@dataclass
class Resolved:
    speaker: Speaker
    mention: str
    confidence: float
    gender: str | None = None  # "f" / "m" / None
    description: tuple[str, ...] = ()  # folded words of the mention, for title matching
    cue_index: int = -1


@dataclass
class NameIndex:
    """Person names of the article, clustered: a surname maps to its fullest name."""

    names: list[tuple[str, ...]] = field(default_factory=list)  # folded word tuples
    surface: dict[tuple[str, ...], str] = field(default_factory=dict)
    # the names holding each bare word, in the order added: a lookup reads only those
    by_word: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    # fullest's answers, kept until a name is added (the same names are asked for all through an article)
    answers: dict[tuple[tuple[str, ...], str | None], tuple[str, float]] = field(default_factory=dict)

    def add(self, words: tuple[str, ...], text: str) -> None:
        if words and words not in self.surface:
            self.answers.clear()
            self.names.append(words)
            self.surface[words] = text
            for word in dict.fromkeys(bare_words(words)):
                self.by_word.setdefault(word, []).append(words)

    def fullest(self, words: tuple[str, ...], text: str | None = None) -> tuple[str, float]:
        """The longest name containing `words` (as a contiguous run, ال ignored); else `text`."""
        answer = self.answers.get((words, text))
        if answer is None:
            answer = self.answers[(words, text)] = self._fullest(words, text)
        return answer

    def _fullest(self, words: tuple[str, ...], text: str | None) -> tuple[str, float]:
        key = bare_words(words)
        best, best_len = self.surface.get(words, text or " ".join(words)), len(words)
        if not key:
            return best, 1.0
        for other in self.by_word.get(key[0], ()):
            ob = bare_words(other)
            if len(ob) > best_len and contains_run(ob, key) and (len(key) > 1 or _names_alone(ob, key[0])):
                best, best_len = self.surface[other], len(ob)
        return best, 1.0

    def by_first_name(self, word: str) -> str | None:
        hits = {self.surface[n] for n in self.names if len(n) >= 2 and lx.bare_word(n[0]) == lx.bare_word(word)}
        return hits.pop() if len(hits) == 1 else None


PATRONYMIC = frozenset({"بن", "بنت", "ابن"})


def _names_alone(name: tuple[str, ...], word: str) -> bool:
    """One word stands for a fuller name when it is its family name (last) or its given name
    (first: الملك سلمان), never a father's name (after بن): العبدالعزيز is not سلمان بن عبدالعزيز (آل سعود)."""
    return name[0] == word or name[-1] == word and not (len(name) >= 2 and name[-2] in PATRONYMIC)


@functools.lru_cache(maxsize=8192)  # the same descriptions and names are compared all through an article
def bare_words(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(map(lx.bare_word, words))


def contains_run(big: tuple[str, ...], small: tuple[str, ...]) -> bool:
    n = len(small)
    return n > 0 and any(big[i:i + n] == small for i in range(len(big) - n + 1))
