"""The term list staff edit (禁用词, 规范写法, 慎用词), matched exactly on word boundaries.

A term is found where the text holds it exactly and it starts and ends on a boundary of
the text's segmentation into words (rjieba, jieba in Rust, without its HMM guesses, with
every term of the list added to its dictionary). So 工会 is found in 工会会员 (工会|会员)
but not in 农民工会员 (农民工|会员) or 职工会员 (职工|会员), and 市长 not in 城市长期
(城市|长期): the list names no word that would make those readings. The other side of
the rule: a term inside a longer word of jieba's dictionary is not found either (工会 in
工会组织, 弱智 in 弱智儿童); staff list such a compound as a term of its own.

At each boundary the longest term that fits is taken, and hits never overlap. Latin terms
(TMD) follow the same rule and are matched case-sensitively; since jieba cuts a run of
Latin letters and digits after a term it knows (TMDB as TMD|B), a term never starts or ends
between two of them either: TMD is not found in TMDB, nor SB in USB.

Finding them: a term standing on boundaries is a run of whole words of the text, and each
run of its first words is a prefix of it. So the text's words are walked once, and from a
word that begins some term the following words are added on while the run is still a
prefix of a term (usually not even one word further); each run that is a whole term is a
hit, the longest kept. A story of 5,000 characters with 2,000 terms takes about 1 ms when
few are found, about 4 ms when nearly every word is a term (`bench/copy_checks.py`).

Building a segmenter takes ~0.12 s (it loads jieba's dictionary), so one is built per
distinct set of terms and kept for the process (`_segmenter`): the services may build a
`TermList` from the database for every check and pay for the segmenter only when the
terms themselves changed. Pure Python: no Django.
"""

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

import rjieba

from articles.copydesk.findings import ERROR, WARNING, Finding

FORBIDDEN, REPLACE, CAUTION = "forbidden", "replace", "caution"
KINDS = (FORBIDDEN, REPLACE, CAUTION)

# Forbidden words and words with one right form stop 签发; words to use with care are
# shown to the editor only (`models.TermKind` offers these kinds to staff).
LEVELS = {FORBIDDEN: ERROR, REPLACE: ERROR, CAUTION: WARNING}

# Segmenters kept for the process: the current list, and the one before it while a
# change reaches every request. Each holds jieba's whole dictionary (~25 MB).
SEGMENTERS_KEPT = 2

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class TermEntry:
    term: str
    kind: str  # FORBIDDEN, REPLACE or CAUTION
    replacement: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        if not self.term or self.term != self.term.strip():
            raise ValueError(f"a term must be non-empty, without edge whitespace: {self.term!r}")
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r} of term {self.term!r}")
        if self.kind == REPLACE and not self.replacement:
            raise ValueError(f"term {self.term!r} is to be replaced but has no replacement")

    @property
    def level(self) -> str:
        return LEVELS[self.kind]

    @property
    def message(self) -> str:
        """What the editor reads where the term stands."""
        if self.kind == FORBIDDEN:
            message = f"禁用词“{self.term}”"
        elif self.kind == REPLACE:
            message = f"应写作“{self.replacement}”"
        else:
            message = f"慎用词“{self.term}”"
        if self.note:
            message += f"：{self.note}"
        return message


class TermList:
    """The list, ready to be matched: its segmenter, its terms and their prefixes."""

    def __init__(self, entries: Iterable[TermEntry] = ()) -> None:
        self.entries = tuple(entries)
        # term -> (level, message, replacement) of its finding; the first entry of a term
        # wins. Said once here, not for every hit: a dense list finds hundreds a story.
        self._terms: dict[str, tuple[str, str, str | None]] = {}
        for entry in self.entries:
            self._terms.setdefault(
                entry.term, (entry.level, entry.message, entry.replacement or None)
            )
        self._prefixes = {term[:end] for term in self._terms for end in range(1, len(term) + 1)}
        # Terms that begin or end with a Latin letter or digit, the only ones whose edges
        # need a look at their neighbours in the text.
        self._latin_edged = {
            term for term in self._terms if _is_latin(term[0]) or _is_latin(term[-1])
        }
        self._segmenter = _segmenter(tuple(sorted(self._terms))) if self._terms else None

    def __len__(self) -> int:
        return len(self.entries)

    def find(self, text: str) -> list[Finding]:
        """Every term in the text, in the order they stand, the longest at each place."""
        if self._segmenter is None or not text:
            return []
        words = self._words(text)
        found = []
        start = 0  # where words[index] starts in the text
        next_free = 0  # the first word after the last hit: hits do not overlap
        for index, word in enumerate(words):
            if index >= next_free and word in self._prefixes:
                hit = self._longest_at(text, words, index, start)
                if hit is not None:
                    end, next_free, (level, message, replacement) = hit
                    found.append(Finding("terms", level, start, end, message, replacement))
            start += len(word)
        return found

    def _longest_at(self, text: str, words: list[str], index: int, start: int):
        """The longest term made of words[index], words[index + 1] …: its end in the
        text, the index of the word after it, and its finding's parts; or None."""
        longest = None
        run = words[index]
        after = index + 1
        while run in self._prefixes:
            finding = self._terms.get(run)
            end = start + len(run)
            if finding is not None and not (
                run in self._latin_edged and _inside_latin_word(text, start, end)
            ):
                longest = (end, after, finding)
            if after == len(words):
                break
            run += words[after]
            after += 1
        return longest

    def _words(self, text: str) -> list[str]:
        """The text cut into words, every character in one of them, in order."""
        try:
            return self._segmenter.cut(text, False)
        except UnicodeEncodeError:
            # A lone surrogate cannot reach Rust; one character for one keeps the offsets.
            return self._segmenter.cut(_LONE_SURROGATE.sub("\ufffd", text), False)


def _inside_latin_word(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] starts or ends between two Latin letters or digits."""
    return any(
        0 < offset < len(text) and _is_latin(text[offset - 1]) and _is_latin(text[offset])
        for offset in (start, end)
    )


def _is_latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


@functools.lru_cache(maxsize=SEGMENTERS_KEPT)
def _segmenter(terms: tuple[str, ...]) -> rjieba.Jieba:
    """jieba's dictionary with the terms added, shared by every list of the same terms
    (`terms` sorted, so the order the rows came in does not matter)."""
    segmenter = rjieba.Jieba()
    for term in terms:
        segmenter.add_word(term, None, None)
    return segmenter
