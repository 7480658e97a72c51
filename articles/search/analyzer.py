"""The one analyzer: what the index stores and what a query asks, in pure Python.

Text is normalized with NFKC and case folding, so full-width and half-width forms
(`ＡＰＰ１２３５１`, `APP12351`) and upper and lower case are alike. It is then read as
*segments* (runs between punctuation, spaces, emoji and control characters) of *units*:
every hanzi (any letter or digit outside ASCII) is a unit of its own, and a run of ASCII
letters and digits is one unit, a whole word (`12351`, `app`).

The index stores overlapping pairs of units, with `EDGE` standing for a segment break:
`送温暖，APP下载` → ‖送 送温 温暖 暖‖ ‖app app下 下载 载‖, plus every word on its own
(`app`). A term of two or more units is the phrase of its own pairs, which occurs at
consecutive positions exactly when the term occurs in the text: this is what makes
two-character queries (工会 inside 总工会) exact where word segmenters miss them.
"""

import itertools
import re
import unicodedata
from dataclasses import dataclass

# Stands for a segment break inside tokens. Not a letter or digit, so never a unit, and
# not ASCII, so SQLite's `ascii` tokenizer keeps it inside a token.
EDGE = "\u2016"

# A query longer than this is cut: long enough for any headline, short enough that
# a pasted page cannot build a giant query.
MAX_QUERY_CHARS = 100
MAX_TERMS = 8

QUOTES = frozenset('"“”„‟')


def normalize(text: str) -> str:
    """NFKC and case folding: the form both the index and the queries are read in."""
    return unicodedata.normalize("NFKC", text).casefold()


def is_word_char(char: str) -> bool:
    """ASCII letters and digits make up words; every other letter or digit is a unit."""
    return char.isascii() and char.isalnum()


# A break is any run of characters that are not letters or digits (`\w` is letters,
# digits and the underscore); a unit is a run of ASCII letters and digits, or any other
# single letter or digit.
BREAKS = re.compile(r"[\W_]+")
UNITS = re.compile(r"[0-9a-z]+|.", re.DOTALL)


def segments(text: str) -> list[list[str]]:
    """The runs of units in the text, punctuation and spaces as breaks."""
    return [UNITS.findall(run) for run in BREAKS.split(normalize(text)) if run]


def _joined(segs: list[list[str]]) -> list[str]:
    """Units of several segments in one sequence, EDGE between segments."""
    sequence: list[str] = []
    for n, units in enumerate(segs):
        if n:
            sequence.append(EDGE)
        sequence.extend(units)
    return sequence


def _pairs(sequence: list[str]) -> list[str]:
    return [a + b for a, b in itertools.pairwise(sequence)]


@dataclass(frozen=True)
class Analyzed:
    """What the index stores for a text: the pair tokens in order, and the words."""

    grams: list[str]
    words: list[str]


def analyze(texts: list[str]) -> Analyzed:
    """Index tokens of several texts read as one (a story's fields, in order)."""
    segs = [units for text in texts for units in segments(text)]
    if not segs:
        return Analyzed(grams=[], words=[])
    grams = _pairs([EDGE, *_joined(segs), EDGE])
    words = list(dict.fromkeys(u for units in segs for u in units if is_word_char(u[0])))
    return Analyzed(grams=grams, words=words)


@dataclass(frozen=True)
class Term:
    """One thing the reader asked for: every term must occur (AND)."""

    segments: tuple[tuple[str, ...], ...]

    @property
    def tokens(self) -> list[str]:
        """The phrase of pair tokens; empty for a one-unit term."""
        return _pairs(_joined([list(units) for units in self.segments]))

    @property
    def single(self) -> str | None:
        """The unit of a one-unit term (`app`, `12351`, `温`), else None."""
        if len(self.segments) == 1 and len(self.segments[0]) == 1:
            return self.segments[0][0]
        return None

    @property
    def is_word(self) -> bool:
        return self.single is not None and is_word_char(self.single[0])

    @property
    def display(self) -> str:
        return " ".join("".join(units) for units in self.segments)


def parse_query(query: str) -> list[Term]:
    """Terms of a query: whitespace separates terms, quotes hold a phrase together.

    Punctuation inside a term is a break the story must have too (`送温暖，工会`).
    Terms with no letter or digit are dropped; repeated terms count once.
    """
    text = normalize(query[:MAX_QUERY_CHARS])
    chunks: list[str] = []
    current: list[str] = []
    quoted = False
    for char in text:
        if char in QUOTES:
            chunks.append("".join(current))
            current, quoted = [], not quoted
        elif char.isspace() and not quoted:
            chunks.append("".join(current))
            current = []
        else:
            current.append(char)
    chunks.append("".join(current))
    terms: list[Term] = []
    for chunk in chunks:
        segs = segments(chunk)
        if segs:
            term = Term(segments=tuple(tuple(units) for units in segs))
            if term not in terms:
                terms.append(term)
    return terms[:MAX_TERMS]
