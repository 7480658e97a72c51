"""The term list staff edit (禁用词, 规范写法, 慎用词), matched on word boundaries.

STUB: the interface the engine uses; to be implemented (rjieba segmentation with the
terms added, a hit kept only where it starts and ends on a word boundary).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from articles.copydesk.findings import Finding

FORBIDDEN, REPLACE, CAUTION = "forbidden", "replace", "caution"


@dataclass(frozen=True)
class TermEntry:
    term: str
    kind: str  # FORBIDDEN, REPLACE or CAUTION
    replacement: str = ""
    note: str = ""


class TermList:
    def __init__(self, entries: Iterable[TermEntry] = ()) -> None:
        self.entries = tuple(entries)

    def find(self, text: str) -> list[Finding]:
        return []
