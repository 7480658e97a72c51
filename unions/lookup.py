"""Finding a union as staff type it: by id, full name, short name or alias, or by a part
of a name that points to one union (西城 → 西城区总工会). The monthly summaries and the
宣传信息考核 both ask here (their `--union` and `?union=`)."""

from django.db.models import Q

from unions.models import Union


class UnionLookupError(ValueError):
    """No union, or several, for the text; the message (Chinese) says which and why."""


# Longer than any union's name or alias; an id beyond a 64-bit key is none of ours.
MAX_UNION_TEXT = 200
MAX_UNION_ID_DIGITS = 18
# A part of a name matching more unions than this is too vague to look through; a message
# names this many of the unions a name could mean.
MAX_PARTIAL_MATCHES = 50
NAMED_CANDIDATES = 8


def find_union(text: str) -> Union:
    """A union by id, full name, short name or alias (as staff type it), or by a part of
    one of them that points to one union: 西城 finds 西城区总工会.

    A part found in several names still means one union when one of them starts with it
    and holds all the others below it: 西城 is also in 西城区天桥街道总工会, which lies under
    西城区总工会, and a report on the district takes in its streets anyway. Otherwise the
    message names the candidates (`UnionLookupError`, its text for staff to read).
    """
    text = (text or "").strip()
    if not text:
        raise UnionLookupError("请填写工会名称。")
    if len(text) > MAX_UNION_TEXT:
        raise UnionLookupError("工会名称过长，请填写全称、简称或其他称呼。")
    # ASCII digits only: "²" and "①" are digits to str.isdigit() but not to int().
    if text.isascii() and text.isdigit():
        if len(text) > MAX_UNION_ID_DIGITS:
            raise UnionLookupError(f"没有编号为 {text} 的工会。")
        union = Union.objects.filter(pk=int(text)).first()
        if union is None:
            raise UnionLookupError(f"没有编号为 {text} 的工会。")
        return union
    exact = Union.objects.filter(name=text).first()
    if exact is not None:
        return exact
    # Aliases live one per line in a text field: narrow down in SQL, confirm in Python.
    candidates = Union.objects.filter(Q(short_name=text) | Q(aliases__contains=text))
    named = [u for u in candidates.order_by("path") if text in u.all_names]
    if len(named) == 1:
        return named[0]
    if named:
        raise UnionLookupError(f"“{text}”可以指多个工会：{_names(named)}。请填写全称。")
    return _by_part_of_a_name(text)


def _by_part_of_a_name(text: str) -> Union:
    """The one union a part of a name points to (see `find_union`)."""
    found = list(
        Union.objects.filter(
            Q(name__contains=text) | Q(short_name__contains=text) | Q(aliases__contains=text)
        ).order_by("path")[: MAX_PARTIAL_MATCHES + 1]
    )
    matches = [u for u in found if any(text in name for name in u.all_names)]
    if not matches:
        raise UnionLookupError(f"找不到名为“{text}”的工会，请填写全称、简称或其他称呼。")
    if len(found) > MAX_PARTIAL_MATCHES:
        raise UnionLookupError(
            f"“{text}”出现在{MAX_PARTIAL_MATCHES}个以上工会的名称中，"
            f"例如{_names(matches, counted=False)}。请填写更完整的名称。"
        )
    if len(matches) == 1:
        return matches[0]
    for union in matches:
        starts = any(name.startswith(text) for name in union.all_names)
        if starts and all(other.path.startswith(union.path) for other in matches):
            return union
    raise UnionLookupError(f"“{text}”可以指多个工会：{_names(matches)}。请填写全称或简称。")


def _names(unions: list[Union], *, counted: bool = True) -> str:
    """The unions' full names for a message: the first few, and how many in all."""
    names = "、".join(union.name for union in unions[:NAMED_CANDIDATES])
    if len(unions) > NAMED_CANDIDATES:
        names += f"等{len(unions)}个工会" if counted else "等"
    return names
