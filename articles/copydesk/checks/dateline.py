"""The dateline formula and the photo credit in the house form.

    本报讯（记者 边磊 通讯员 蔡洪玉）   the dateline at the head of a report
    本报记者 周美玉 摄影报道            a photo report's credit line
    本报记者 田国垒 本报通讯员 孔国政 摄

Role words are the paper's own (`unions.vocabulary.ROLE_WORDS`, which the byline renderer
prints and the page import reads); a role word and its names are parted by one space, as
the byline renderer prints them, in full-width brackets.
"""

import re
from collections.abc import Iterator

from articles.copydesk.checks.text import paragraphs
from articles.copydesk.findings import ERROR, WARNING, Finding
from unions.vocabulary import PHOTO_CREDIT_ENDINGS, ROLE_OF_WORD

CHECK = "dateline"

_ROLE = "|".join(re.escape(word) for word in sorted(ROLE_OF_WORD, key=len, reverse=True))
_ENDINGS = "|".join(PHOTO_CREDIT_ENDINGS)
# A name's characters never start a role word or a photo credit's ending: 记者王伟通讯员李明.
_CHAR = rf"(?:(?!{_ROLE}|{_ENDINGS})[\u4e00-\u9fff])"
# 王伟, 欧阳文静, 阿依古丽·买买提, and 王 伟 (a two-character name spaced to the width
# of three, which the house form closes up).
_NAME = rf"{_CHAR}{{2,4}}|{_CHAR}+[·•]{_CHAR}+|{_CHAR}[ \u3000]{_CHAR}(?![\u4e00-\u9fff])"
_SPACE = r"[ \u3000]*"
# 本报讯, 本网讯, 本报1月22日讯, 本报北京1月22日电, 新华社北京1月22日电.
_HEAD = (
    r"本[报网]讯|本报\d{1,2}月\d{1,2}日讯"
    r"|本报[\u4e00-\u9fff]{0,8}\d{1,2}月\d{1,2}日电"
    r"|新华社[\u4e00-\u9fff]{0,8}\d{1,2}月\d{1,2}日电"
)
# The spaces after the closing bracket are part of it: the report follows directly.
_DATELINE = re.compile(
    rf"^(?P<head>{_HEAD}){_SPACE}(?P<open>[（(])(?P<inside>[^（()）]{{1,60}})(?P<close>[）)])"
    rf"{_SPACE}"
)
# One credit: a role word and its names (记者 张三 李四).
_CREDIT = re.compile(rf"(?P<role>{_ROLE}){_SPACE}(?P<names>(?:(?:{_NAME})[ \u3000、]*)+)")
_PHOTO_LINE = re.compile(
    rf"^(?P<credits>(?:(?:{_ROLE}){_SPACE}(?:(?:{_NAME}){_SPACE})+)+)(?P<end>{_ENDINGS})$"
)
_NAMES_OF = re.compile(_NAME)
_SPACED_NAME = re.compile(r"^(.)[ \u3000](.)$")
# The dateline field of a story on its own.
DATELINE_FIELD = re.compile(rf"^(?:{_HEAD})$")


def check(text: str, rules=None) -> list[Finding]:
    found: list[Finding] = []
    for offset, line in paragraphs(text):
        found.extend(finding.shifted(offset) for finding in _line(line))
    return found


def check_field(value: str) -> list[Finding]:
    """A story's 电头 field: 本报讯, 本网讯, 本报1月22日讯, … or empty."""
    value_stripped = value.strip()
    if not value_stripped or DATELINE_FIELD.match(value_stripped):
        return []
    return [
        Finding(
            CHECK,
            WARNING,
            0,
            len(value),
            "电头应写作“本报讯”“本网讯”或“本报1月22日讯”。",
        )
    ]


def _line(line: str) -> Iterator[Finding]:
    if match := _DATELINE.match(line):
        yield from _dateline(match)
    elif match := _PHOTO_LINE.match(line.strip()):
        start = len(line) - len(line.lstrip())
        yield from _photo_credit(line.strip(), match, start)


def _credits(printed: str) -> list[tuple[str, list[str]]] | None:
    """The credits of 记者 张三 李四 通讯员 王五 as (role word, names), or None when the
    text is not made of credits alone."""
    credits = []
    position = 0
    printed = printed.strip(" \u3000")
    while position < len(printed):
        match = _CREDIT.match(printed, position)
        if not match:
            return None
        names = [
            _SPACED_NAME.sub(r"\1\2", name) for name in _NAMES_OF.findall(match.group("names"))
        ]
        credits.append((match.group("role"), names))
        position = match.end()
        while position < len(printed) and printed[position] in " \u3000":
            position += 1
    return credits or None


def _house_credits(credits: list[tuple[str, list[str]]]) -> str:
    return " ".join(f"{role} {' '.join(names)}" for role, names in credits)


def _dateline(match: re.Match) -> Iterator[Finding]:
    start, end = match.span()
    credits = _credits(match.group("inside"))
    if credits is None:
        yield Finding(
            CHECK,
            WARNING,
            match.start("inside"),
            match.end("inside"),
            "电头括号内应为署名：角色词（记者、通讯员……）加姓名，如“记者 王伟 通讯员 李明”。",
        )
        return
    house = f"{match.group('head')}（{_house_credits(credits)}）"
    printed = match.group()
    if printed == house:
        return
    if match.group("open") == "(" or match.group("close") == ")":
        yield Finding(CHECK, ERROR, start, end, f"电头应用全角括号：{house}。", house)
    else:
        yield Finding(
            CHECK,
            WARNING,
            start,
            end,
            f"电头署名按本报格式写作“{house}”（角色词与姓名之间空一格，姓名中间不空格，"
            "括号后直接接正文）。",
            house,
        )


def _photo_credit(line: str, match: re.Match, offset: int) -> Iterator[Finding]:
    credits = _credits(match.group("credits"))
    if credits is None:
        return
    house = f"{_house_credits(credits)} {match.group('end')}"
    if line != house:
        yield Finding(
            CHECK,
            WARNING,
            offset,
            offset + len(line),
            f"图片署名的本报格式：角色词、姓名和“{match.group('end')}”之间各空一格，写作“{house}”。",
            house,
        )
