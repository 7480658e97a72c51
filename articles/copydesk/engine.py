"""All checks over one text, with the rules staff keep (the union tree, the term list).

Pure Python: `services` builds `Rules` from the database, `check_copy` and the tests
build them from anything.
"""

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from articles.copydesk.checks import dateline, numbers, punctuation, unionnames
from articles.copydesk.checks.unionnames import UnionDirectory
from articles.copydesk.findings import Finding
from articles.copydesk.terms import TermList


@dataclass(frozen=True)
class Rules:
    directory: UnionDirectory = field(default_factory=UnionDirectory)
    terms: TermList = field(default_factory=TermList)


def _terms(text: str, rules: Rules) -> list[Finding]:
    return rules.terms.find(text)


# In this order: where two findings share a place, the first check's is kept.
CHECKS = (
    ("dateline", dateline.check),
    ("punctuation", punctuation.check),
    ("numbers", numbers.check),
    ("union_names", unionnames.check),
    ("terms", _terms),
)


def check_text(text: str, rules: Rules | None = None) -> list[Finding]:
    """Every finding in the text, in the order they stand.

    One place, one finding: a finding at the place of an earlier one, or inside the span
    of an earlier check's finding that has a fix (本报讯(记者 王伟) as a whole, not its two
    brackets again), is left out.
    """
    rules = rules or Rules()
    kept: list[Finding] = []
    places: set[tuple[int, int]] = set()
    for _name, check in CHECKS:
        fixes = _Spans(finding for finding in kept if finding.replacement is not None)
        for finding in check(text, rules):
            place = (finding.start, finding.end)
            if place in places or fixes.cover(finding.start, finding.end):
                continue
            places.add(place)
            kept.append(finding)
    return sorted(kept, key=lambda f: (f.start, f.end, f.check))


class _Spans:
    """Spans of earlier checks' findings, asked whether one of them covers a span."""

    def __init__(self, findings) -> None:
        spans = sorted((finding.start, finding.end) for finding in findings)
        self.starts = [start for start, _end in spans]
        self.reach = list(accumulate((end for _start, end in spans), max))

    def cover(self, start: int, end: int) -> bool:
        before = bisect_right(self.starts, start)
        return before > 0 and self.reach[before - 1] >= end
