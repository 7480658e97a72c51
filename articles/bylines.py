"""The house byline, rendered from an article's credits.

    news, brief:  本报讯（记者 边磊 通讯员 蔡洪玉）
    photo report: 本报记者 周美玉 摄影报道
    feature:      本报记者 崔欣 通讯员 蔡洪玉

Consecutive credits printed with the same label share it: （记者 张三 李四 通讯员 王五）.
Editors (编辑) are not part of the byline; the page prints them as 责任编辑.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from unions.vocabulary import DEFAULT_ROLE_WORDS

# Outside a dateline bracket the paper says whose staff a person is: 本报记者, 本报实习生.
STAFF_LABELS = {"reporter": "本报记者", "photographer": "本报记者", "intern": "本报实习生"}


@dataclass(frozen=True)
class BylineCredit:
    role: str
    name: str
    label: str = ""


def credit_label(credit: BylineCredit, *, staff_prefix: bool = False) -> str:
    if credit.label:
        return credit.label
    if staff_prefix and credit.role in STAFF_LABELS:
        return STAFF_LABELS[credit.role]
    return DEFAULT_ROLE_WORDS.get(credit.role, "")


def credit_groups(credits: Iterable[BylineCredit], *, staff_prefix: bool = False) -> str:
    """'记者 边磊 通讯员 蔡洪玉': names in credit order, each label printed once per run."""
    parts: list[str] = []
    previous_label = None
    for credit in credits:
        if credit.role == "editor":
            continue
        label = credit_label(credit, staff_prefix=staff_prefix)
        if label != previous_label and label:
            parts.append(label)
        parts.append(credit.name)
        previous_label = label
    return " ".join(parts)


def render_byline(kind: str, dateline: str, credits: Iterable[BylineCredit]) -> str:
    credits = list(credits)
    if kind == "photo":
        names = credit_groups(credits, staff_prefix=True)
        return f"{names} 摄影报道" if names else ""
    if kind == "feature":
        return credit_groups(credits, staff_prefix=True)
    names = credit_groups(credits)
    if not names:
        return dateline
    return f"{dateline}（{names}）"
