"""Highlighting on escaped text: the matched words in <mark>, everything else escaped,
so a story containing `<script>` stays text. Matching follows the analyzer (NFKC, case,
punctuation as breaks, whole Latin words), mapped back to the characters as printed."""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.search.analyzer import Term, is_word_char

SNIPPET_BEFORE = 24
SNIPPET_LENGTH = 110


def _normalized_with_map(text: str) -> tuple[str, list[int]]:
    """The text analyzed character by character, with the index in `text` of each
    resulting character (NFKC can turn one character into several: ① → 1, ﬁ → fi)."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for out in unicodedata.normalize("NFKC", char).casefold():
            chars.append(out if out.isalnum() else "\n")
            origin.append(index)
    return "".join(chars), origin


def _pattern(term: Term) -> str:
    pieces = ["".join(re.escape(unit) for unit in units) for units in term.segments]
    pattern = "\n+".join(pieces)
    if is_word_char(term.segments[0][0][0]):
        pattern = "(?<![0-9a-z])" + pattern
    if is_word_char(term.segments[-1][-1][-1]):
        pattern += "(?![0-9a-z])"
    return pattern


def spans(text: str, terms: list[Term]) -> list[tuple[int, int]]:
    """(start, end) of every place a term occurs in `text`, merged and in order."""
    if not terms or not text:
        return []
    normalized, origin = _normalized_with_map(text)
    found = []
    for term in terms:
        for hit in re.finditer(_pattern(term), normalized):
            found.append((origin[hit.start()], origin[hit.end() - 1] + 1))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _marked(text: str, hits: list[tuple[int, int]], offset: int = 0) -> str:
    out, position = [], 0
    for start, end in hits:
        start, end = max(start - offset, 0), min(end - offset, len(text))
        if end <= start:
            continue
        out += [escape(text[position:start]), "<mark>", escape(text[start:end]), "</mark>"]
        position = end
    out.append(escape(text[position:]))
    return "".join(out)


def highlight(text: str, terms: list[Term]) -> SafeString:
    """The whole text, escaped, with every hit marked."""
    return mark_safe(_marked(text, spans(text, terms)))  # noqa: S308 - escaped above


def snippet(text: str, terms: list[Term]) -> SafeString | None:
    """A window of the text around its first hit, escaped and marked; None if no hit."""
    flat = " ".join(text.split())
    hits = spans(flat, terms)
    if not hits:
        return None
    start = max(hits[0][0] - SNIPPET_BEFORE, 0)
    end = min(start + SNIPPET_LENGTH, len(flat))
    window = flat[start:end]
    inside = [(a, b) for a, b in hits if a < end and b > start]
    body = _marked(window, inside, offset=start)
    prefix = "…" if start else ""
    suffix = "…" if end < len(flat) else ""
    return mark_safe(prefix + body + suffix)  # noqa: S308 - escaped in _marked
