"""All checks over one text, with the rules staff keep (the union tree, the term list).

Pure Python: `services` builds `Rules` from the database, `check_copy` and the tests
build them from anything.
"""

from dataclasses import dataclass, field

from articles.copydesk.checks import dateline, numbers, punctuation, unionnames
from articles.copydesk.checks.unionnames import UnionDirectory
from articles.copydesk.findings import Finding
from articles.copydesk.terms import TermList


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
    """Every finding in the text, in the order they stand.

    One place, one finding: a finding inside the span of an earlier check's finding that
    has a fix (本报讯(记者 王伟) as a whole, not its two brackets again) is left out.
    """
    rules = rules or Rules()
    kept: list[Finding] = []
    for _name, check in CHECKS:
        for finding in check(text, rules):
            if not any(_covers(earlier, finding) for earlier in kept):
                kept.append(finding)
    for finding in rules.terms.find(text):
        if not any(_covers(earlier, finding) for earlier in kept):
            kept.append(finding)
    return sorted(kept, key=lambda f: (f.start, f.end, f.check))


def _covers(earlier: Finding, later: Finding) -> bool:
    if (earlier.start, earlier.end) == (later.start, later.end):
        return True
    return (
        earlier.replacement is not None
        and earlier.check != later.check
        and earlier.start <= later.start
        and later.end <= earlier.end
    )
