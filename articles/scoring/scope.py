"""Whose ranking: the whole city, or one union with every union below it (a district's
通报 ranks its streets and enterprises), and how a union typed by staff is found.

A union typed by staff is found by `unions.lookup.find_union`, as the monthly summary's.
"""

from dataclasses import dataclass

from articles.scoring.periods import ScoringError
from unions.lookup import UnionLookupError, find_union
from unions.models import Union, UnionLevel


@dataclass(frozen=True)
class Scope:
    """The whole city, or one union with everything below it."""

    union: Union | None = None

    @property
    def is_city(self) -> bool:
        return self.union is None

    @property
    def label(self) -> str:
        return "全市" if self.union is None else f"{self.union.name}及下属工会"

    @property
    def short_label(self) -> str:
        return "全市" if self.union is None else self.union.display_name

    def holds(self, path: str | None) -> bool:
        """Whether a union (by its path) is in the scope; None (no union) only in the city's."""
        if self.union is None:
            return True
        return path is not None and path.startswith(self.union.path)


def resolve_union(text: str) -> Union:
    """`unions.lookup.find_union`, its refusal as the ranking's (the page answers 400)."""
    try:
        return find_union(text)
    except UnionLookupError as exc:
        raise ScoringError(str(exc)) from exc


def scope_for(union_text: str | None) -> Scope:
    """The scope named by `--union` / `?union=`; the city federation itself is the city."""
    if not union_text or not union_text.strip():
        return Scope()
    union = resolve_union(union_text)
    if union.parent_id is None and union.level == UnionLevel.CITY:
        return Scope()
    return Scope(union)
