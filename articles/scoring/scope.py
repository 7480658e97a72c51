"""Whose ranking: the whole city, or one union with every union below it (a district's
通报 ranks its streets and enterprises), and how a union typed by staff is found.

`resolve_union` is a shortened copy of `articles.summaries.scope.resolve_union`: wings do
not import each other. It belongs one layer down (e.g. `unions/`), read by both.
"""

from dataclasses import dataclass

from django.db.models import Q

from articles.scoring.periods import ScoringError
from unions.models import Union, UnionLevel

MAX_UNION_TEXT = 200
MAX_UNION_ID_DIGITS = 18
MAX_PARTIAL_MATCHES = 50
NAMED_CANDIDATES = 8


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
    """A union by id, full name, short name or alias, or by a part of one of them that
    points to one union (西城 → 西城区总工会); else a `ScoringError` naming the candidates."""
    text = (text or "").strip()
    if not text:
        raise ScoringError("请填写工会名称。")
    if len(text) > MAX_UNION_TEXT:
        raise ScoringError("工会名称过长，请填写全称、简称或其他称呼。")
    if text.isascii() and text.isdigit():
        union = None
        if len(text) <= MAX_UNION_ID_DIGITS:
            union = Union.objects.filter(pk=int(text)).first()
        if union is None:
            raise ScoringError(f"没有编号为 {text} 的工会。")
        return union
    exact = Union.objects.filter(name=text).first()
    if exact is not None:
        return exact
    found = list(
        Union.objects.filter(
            Q(name__contains=text) | Q(short_name__contains=text) | Q(aliases__contains=text)
        ).order_by("path")[: MAX_PARTIAL_MATCHES + 1]
    )
    named = [u for u in found if text in u.all_names]
    if len(named) == 1:
        return named[0]
    if named:
        raise ScoringError(f"“{text}”可以指多个工会：{_names(named)}。请填写全称。")
    matches = [u for u in found if any(text in name for name in u.all_names)]
    if not matches:
        raise ScoringError(f"找不到名为“{text}”的工会，请填写全称、简称或其他称呼。")
    if len(found) > MAX_PARTIAL_MATCHES:
        raise ScoringError(
            f"“{text}”出现在{MAX_PARTIAL_MATCHES}个以上工会的名称中。请填写更完整的名称。"
        )
    if len(matches) == 1:
        return matches[0]
    for union in matches:
        starts = any(name.startswith(text) for name in union.all_names)
        if starts and all(other.path.startswith(union.path) for other in matches):
            return union
    raise ScoringError(f"“{text}”可以指多个工会：{_names(matches)}。请填写全称或简称。")


def _names(unions: list[Union]) -> str:
    names = "、".join(union.name for union in unions[:NAMED_CANDIDATES])
    if len(unions) > NAMED_CANDIDATES:
        names += f"等{len(unions)}个工会"
    return names


def scope_for(union_text: str | None) -> Scope:
    """The scope named by `--union` / `?union=`; the city federation itself is the city."""
    if not union_text or not union_text.strip():
        return Scope()
    union = resolve_union(union_text)
    if union.parent_id is None and union.level == UnionLevel.CITY:
        return Scope()
    return Scope(union)
