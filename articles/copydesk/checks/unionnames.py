"""STUB"""

from dataclasses import dataclass

from articles.copydesk.findings import Finding


@dataclass(frozen=True)
class UnionDirectory:
    pass


def check(text: str, rules) -> list[Finding]:
    return []
