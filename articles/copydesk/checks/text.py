"""Small readings of Chinese text shared by the checks: what is a hanzi, where a
paragraph and a sentence begin and end."""

import re
from collections.abc import Iterator

# CJK Unified Ideographs, Extension A, and the compatibility block.
_HANZI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
SENTENCE_ENDS = "。！？；…\n"


def is_hanzi(char: str) -> bool:
    return bool(char) and bool(_HANZI.match(char))


def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """Each line of the text with its offset, the line ending left out."""
    start = 0
    for line in text.splitlines(keepends=True):
        yield start, line.rstrip("\r\n")
        start += len(line)


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end], its closing mark included."""
    left = max((text.rfind(mark, 0, start) for mark in SENTENCE_ENDS), default=-1) + 1
    right = min(
        (found for mark in SENTENCE_ENDS if (found := text.find(mark, end)) != -1),
        default=len(text),
    )
    if right < len(text) and text[right] != "\n":
        right += 1
    return text[left:right].strip()
