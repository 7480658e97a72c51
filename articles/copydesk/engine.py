"""All checks over one text, with the rules staff keep (the union tree, the term list).

Pure Python: `services` builds `Rules` from the database, `check_copy` and the tests
build them from anything.
"""

from dataclasses import dataclass, field

from articles.copydesk.checks import dateline, numbers, punctuation, unionnames
from articles.copydesk.findings import Finding
from articles.copydesk.terms import TermList
from articles.copydesk.checks.unionnames import UnionDirectory


@dataclass(frozen=True)
class Rules:
    directory: UnionDirectory = field(default_factory=UnionDirectory)
    terms: TermList = field(default_factory=TermList)


CHECKS = (
    ("dateline", dateline.check),
    ("punctuation", punctuation.check),
    ("numbers", numbers.check),
    ("union_names", unionnames.check),
)


def check_text(text: str, rules: Rules | None = None) -> list[Finding]:
    """Every finding in the text, in the order they stand (one place, one finding: where
    two checks find the same span, the first in `CHECKS` order keeps it)."""
    rules = rules or Rules()
    found: list[Finding] = []
    for _name, check in CHECKS:
        found.extend(check(text, rules))
    found.extend(rules.terms.find(text))
    return _one_per_place(found)


def _one_per_place(found: list[Finding]) -> list[Finding]:
    seen: set[tuple[int, int]] = set()
    kept = []
    for finding in found:
        place = (finding.start, finding.end)
        if place in seen:
            continue
        seen.add(place)
        kept.append(finding)
    return sorted(kept, key=lambda f: (f.start, f.end, f.check))
