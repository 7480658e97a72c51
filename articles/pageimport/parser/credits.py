"""Credits and datelines: 本报讯（记者 边磊 通讯员 蔡洪玉）, （张恩刚）,
本报记者 周美玉 摄影报道."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from articles.pageimport.parser.results import ParsedCredit
from articles.pageimport.parser.shapes import (
    CJK,
    CLOSERS,
    DATELINE_RE,
    FINAL,
    is_closed,
    visible_length,
    word_list,
)
from unions.vocabulary import PHOTO_CREDIT_ENDINGS, ROLE_OF_WORD

# Role words other outlets print for their own staff (本网记者 陈诗婷): read and kept as
# printed, but not part of the house vocabulary the byline renderer prints.
OUTLET_ROLE_WORDS = {
    "本网记者": "reporter",
    "本刊记者": "reporter",
    "本台记者": "reporter",
    "全媒体记者": "reporter",
    "融媒记者": "reporter",
    "本网通讯员": "correspondent",
    "责编": "editor",
}
ROLE_OF_PRINTED_WORD = {**ROLE_OF_WORD, **OUTLET_ROLE_WORDS}
# Printed role words, longest first so 见习记者 wins over 记者.
_ROLE_ALT = "|".join(re.escape(w) for w in sorted(ROLE_OF_PRINTED_WORD, key=len, reverse=True))
# 本报讯 赵妍报道：… / 本报讯 记者赵妍报道 近日…: the reporter named before 报道.
_REPORTED_BY_RE = re.compile(
    rf"^\s*(?P<body>(?:(?:{_ROLE_ALT})\s*)?[{CJK}]{{2,4}}(?:[\s、][{CJK}]{{2,4}})*)报道[\s：:]*"
)
# 责任编辑：肖天, the web form of the editor line.
_EDITOR_COLON_RE = re.compile(r"^(?P<role>责任编辑|编辑|责编)\s*[:：]\s*(?P<names>\S.*)$")
_ROLE_SPLIT_RE = re.compile(f"({_ROLE_ALT})")
_LOOSE_TOKEN_RE = re.compile(rf"(?P<role>{_ROLE_ALT})?(?P<name>[{CJK}·]{{1,4}})?")
_NAME_RE = re.compile(rf"[{CJK}]{{2,4}}|[{CJK}]+[·•][{CJK}·•]+")
# Words that fit the shape of a name but are not people.
_NOT_NAMES = frozenset(
    word_list(
        "手记 供稿 供图 提供 报道 整理 综合 编译 摄影 通讯 近日 日前 昨天 "
        "今天 昨日 今日 近期 目前 本报 图片 图文 视频 来源 新闻 快讯 简讯 "
        "观察"
    )
)
_PHOTO_SUFFIX_RE = re.compile(rf"^(?P<body>.*?)(?P<gap>\s*)(?:{'|'.join(PHOTO_CREDIT_ENDINGS)})$")
_TEXT_PHOTO_RE = re.compile(r"^(?P<label>文/图|文／图|图/文|图／文)\s*[:：]?\s*(?P<body>.+)$")
_AGENCY_PHOTO_RE = re.compile(r"^(?P<name>新华社|中新社|人民图片|视觉中国)发$")
CREDIT_MAX_CHARS = 40


@dataclass
class CreditFragment:
    raw: str
    credits: list[ParsedCredit]
    photo: bool = False  # 摄, 摄影报道, 新华社发, 文/图: a credit for pictures
    text_and_photo: bool = False  # 文/图: the author of the pictures wrote the text too


def _split_names(segment: str) -> list[str] | None:
    """'张三 李四' -> two names; '王 伟' (a 2-char name padded in print) -> '王伟'."""
    tokens = [t for t in re.split(r"[\s、，,]+", segment) if t]
    names: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if len(token) == 1 and i + 1 < len(tokens) and len(tokens[i + 1]) <= 2:
            token += tokens[i + 1]
            i += 1
        names.append(token)
        i += 1
    if not names or not all(_NAME_RE.fullmatch(n) and n not in _NOT_NAMES for n in names):
        return None
    return names


def _parse_credit_body(text: str, *, require_role: bool = False) -> list[ParsedCredit] | None:
    """'记者 边磊 通讯员 蔡洪玉' -> credits, or None when it is not a list of names."""
    if not text.strip() or visible_length(text) > CREDIT_MAX_CHARS:
        return None
    parts = _ROLE_SPLIT_RE.split(text)
    if require_role and parts[0].strip():
        return None
    credits: list[ParsedCredit] = []
    for label, segment in [("", parts[0]), *zip(parts[1::2], parts[2::2], strict=True)]:
        if not label and not segment.strip():
            continue
        names = _split_names(segment)
        if names is None:
            return None  # a role word without a name, or words that are not names
        role = ROLE_OF_PRINTED_WORD.get(label, "other")
        credits += [ParsedCredit(role=role, name=name, label=label) for name in names]
    return credits or None


def parse_photo_credit(text: str) -> CreditFragment | None:
    """'本报记者 周美玉 摄影报道', '通讯员 张三 摄', '张三 摄', '文/图 张三', '新华社发'."""
    raw = text.strip()
    bracketed = raw[:1] in "（(" and raw[-1:] in "）)"  # "（张三 摄）"
    inner = raw[1:-1].strip() if bracketed else raw
    if not inner or visible_length(inner) > CREDIT_MAX_CHARS:
        return None
    if match := _AGENCY_PHOTO_RE.match(inner):
        return CreditFragment(raw, [ParsedCredit("other", match["name"], "")], photo=True)
    if match := _TEXT_PHOTO_RE.match(inner):
        names = _split_names(match["body"])
        if names is None:
            return None
        credits = [ParsedCredit("photographer", n, match["label"]) for n in names]
        return CreditFragment(raw, credits, photo=True, text_and_photo=True)
    match = _PHOTO_SUFFIX_RE.match(inner)
    if not match:
        return None
    credits = _parse_credit_body(match["body"])
    # Without a role word, insist on a space before 摄 so "…拍摄" is not a credit.
    if not credits or (not credits[0].label and not match["gap"]):
        return None
    return CreditFragment(raw, [replace(c, role="photographer") for c in credits], photo=True)


def parse_end_credit(text: str) -> CreditFragment | None:
    """A credit standing after the text: '（张恩刚）', '（记者 张三）', '记者 张三'."""
    raw = text.strip()
    if raw[:1] in "（(" and raw[-1:] in "）)":
        credits = _parse_credit_body(raw[1:-1])
    elif re.match(rf"(?:{_ROLE_ALT})\s", raw):
        credits = _parse_credit_body(raw, require_role=True)
    elif match := _EDITOR_COLON_RE.match(raw):
        credits = _parse_credit_body(f"{match['role']} {match['names']}", require_role=True)
    else:
        credits = None
    return CreditFragment(raw, credits) if credits else None


def split_trailing_photo_credit(line: str) -> tuple[str, CreditFragment] | None:
    """'…慰问品。本报记者 周美玉 摄影报道' -> ('…慰问品。', credit).

    The credit must follow a full stop or a space; '（12月6日摄）' is not a credit because
    its words are not names.
    """
    # Only the tail can hold a credit; looking no further keeps long lines cheap.
    window = max(0, len(line) - 2 * CREDIT_MAX_CHARS)
    starts = [m.end() for m in re.finditer(rf"[{FINAL}][{CLOSERS}]*|\s+", line[window:])]
    for start in (window + offset for offset in starts):
        tail = line[start:].strip()
        if 0 < start < len(line) and tail and visible_length(tail) <= CREDIT_MAX_CHARS + 8:
            credit = parse_photo_credit(tail)
            if credit and line[:start].strip():
                return line[:start].rstrip(), credit
    return None


def split_trailing_end_credit(paragraph: str) -> tuple[str, CreditFragment] | None:
    """'…活动。（张恩刚）' -> ('…活动。', credit)."""
    match = re.search(rf"(?<=[{FINAL}{CLOSERS}])\s*([（(][^（）()]{{1,30}}[）)])$", paragraph)
    if not match or not is_closed(paragraph[: match.start()]):
        return None
    tail = match.group(1)
    credit = parse_photo_credit(tail) or parse_end_credit(tail)
    return (paragraph[: match.start()].rstrip(), credit) if credit else None


def split_dateline(line: str) -> tuple[str, str, list[ParsedCredit], str, str | None]:
    """'本报讯（记者 崔欣）中关村…' -> ('本报讯', '（记者 崔欣）', credits, '中关村…', warning)."""
    match = DATELINE_RE.match(line)
    dateline, rest = match.group(), line[match.end() :]
    bracket = re.match(r"\s*([（(])([^（）()]{1,40})([）)])", rest)
    if bracket:
        credits = _parse_credit_body(bracket.group(2))
        if credits:
            return dateline, bracket.group().strip(), credits, rest[bracket.end() :], None
        return dateline, "", [], rest, "电头后的括号内容未能识别为署名"
    reported = _leading_reported_by(rest)
    if reported:
        return dateline, *reported, None
    loose = _leading_loose_credit(rest)
    if loose:
        return dateline, *loose, None
    return dateline, "", [], rest, None


def _leading_loose_credit(rest: str) -> tuple[str, list[ParsedCredit], str] | None:
    """'本报讯 记者 张三 近日，…' has no bracket: take space-separated role words and names.

    Only whole tokens count, so a name glued to the body ('张三近日，…') is never split off.
    """
    end = 0
    for index, token in enumerate(re.finditer(r"\S+", rest)):
        match = _LOOSE_TOKEN_RE.fullmatch(token.group())
        if not match or (index == 0 and not match["role"]) or match["name"] in _NOT_NAMES:
            break
        end = token.end()
    if not end:
        return None
    raw = rest[:end].strip()
    credits = _parse_credit_body(raw, require_role=True)
    return (raw, credits, rest[end:]) if credits else None


def _leading_reported_by(rest: str) -> tuple[str, list[ParsedCredit], str] | None:
    """'本报讯 赵妍报道：…' or '本报讯 记者赵妍报道 近日…': the reporter before 报道."""
    match = _REPORTED_BY_RE.match(rest)
    if not match:
        return None
    credits = _parse_credit_body(match["body"])
    if not credits:
        return None
    credits = [c if c.label else replace(c, role="reporter") for c in credits]
    return match.group().strip(), credits, rest[match.end() :]
