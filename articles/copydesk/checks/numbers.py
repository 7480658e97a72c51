"""Dates, times and numbers in the house forms (GB/T 15835 as union papers print them).

2024-1-23, 2024/01/23, 2024.1.23  →  2024年1月23日
1月23号                            →  1月23日
9:30, 上午9点, 9点半                →  9时30分, 上午9时, 9时30分
２０２４ (full-width digits)        →  2024
1,030份                            →  1030份
50000元, 五万元                     →  5万元
"""

import re
from collections.abc import Iterator

from articles.copydesk.checks.text import paragraphs
from articles.copydesk.findings import ERROR, WARNING, Finding

CHECK = "numbers"

_DATE = re.compile(
    r"(?<![\d.\-/])(?P<y>(?:19|20)\d\d)(?P<sep>[-/.])(?P<m>0?[1-9]|1[0-2])(?P=sep)"
    r"(?P<d>0?[1-9]|[12]\d|3[01])(?![\d.\-/])"
)
_LEADING_ZERO = re.compile(r"(?<!\d)0(?P<n>[1-9])(?P<unit>月|日)")
_HAO = re.compile(r"(?<=\d月)(?P<d>[1-9]|[12]\d|3[01])号")
# A clock time: 9:30 (not a score: 以3:1获胜, nor inside a longer number).
_CLOCK = re.compile(r"(?<![\d:：.])(?P<h>[01]?\d|2[0-4])[:：](?P<m>[0-5]\d)(?![\d:：])")
_SCORE_BEFORE = re.compile(r"(?:以|比分|比分为)$")
_SCORE_AFTER = re.compile(r"^(?:获胜|战胜|击败|胜|负|落败|的比分|取胜)")
_TIME_WORDS = "上午|下午|晚上|早上|中午|凌晨|傍晚|夜里|清晨|当晚|当天|次日|早晨|晚"
# 9点, 9点半, 9点30分: only with a time of day before it or 半/分 after it (3点建议 is a count),
# or at either end of a range of times (9点至11点, 上午9点至11点).
_DIAN = re.compile(
    rf"(?P<when>{_TIME_WORDS})(?P<h>\d{{1,2}})点(?P<rest>半|(?P<m>\d{{1,2}})分)?"
    rf"|(?<![\d.])(?P<h2>\d{{1,2}})点(?P<rest2>半|(?P<m2>\d{{1,2}})分)"
    rf"|(?<![\d.])(?P<h3>\d{{1,2}})点(?=[至到—－-]\d{{1,2}}[点时])"
    rf"|(?<=[点时半分][至到—－-])(?P<h4>\d{{1,2}})点"
)
_FULL_WIDTH_DIGITS = re.compile(r"[０-９]+(?:[．.][０-９]+)?")
_SEPARATED = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})+(?![\d,])")
# A round number of ten thousands or more before a unit the paper counts in 万: 50000元.
_ROUND = re.compile(r"(?<![\d.,])(?P<n>[1-9]\d*0000)(?![\d.,])(?P<unit>元|名|人|户|份|册|件|个)")
_HANZI_NUMBER = re.compile(
    r"(?<![一二三四五六七八九十两百千万零近约逾上数几])(?P<n>[一二三四五六七八九十两]+[十百千]?[一二三四五六七八九]?)(?P<big>万|亿)"
    r"(?P<more>余|多)?(?P<unit>元|名|人|户|份|册|件|个)"
)
# An approximate number (近两万名, 约三十万元) keeps its hanzi: only exact counts are meant.
_DIGIT_OF = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}


def check(text: str, rules=None) -> list[Finding]:
    found: list[Finding] = []
    for offset, line in paragraphs(text):
        found.extend(finding.shifted(offset) for finding in _line(line))
    return found


def _line(line: str) -> Iterator[Finding]:
    for match in _DATE.finditer(line):
        house = f"{match['y']}年{int(match['m'])}月{int(match['d'])}日"
        yield Finding(CHECK, ERROR, *match.span(), f"日期应写作“{house}”。", house)
    for match in _LEADING_ZERO.finditer(line):
        house = f"{match['n']}{match['unit']}"
        yield Finding(CHECK, WARNING, *match.span(), f"月、日前不加0：“{house}”。", house)
    for match in _HAO.finditer(line):
        house = f"{match['d']}日"
        yield Finding(CHECK, WARNING, *match.span(), f"日期用“日”不用“号”：“{house}”。", house)
    for match in _CLOCK.finditer(line):
        if _SCORE_BEFORE.search(line[: match.start()]) or _SCORE_AFTER.search(line[match.end() :]):
            continue
        house = _clock(int(match["h"]), int(match["m"]))
        yield Finding(CHECK, WARNING, *match.span(), f"时刻应写作“{house}”。", house)
    for match in _DIAN.finditer(line):
        when = match["when"] or ""
        hour = int(match["h"] or match["h2"] or match["h3"] or match["h4"])
        rest = match["rest"] or match["rest2"] or ""
        minute = 30 if rest == "半" else int(match["m"] or match["m2"] or 0)
        if hour > 24 or minute > 59:
            continue
        house = when + _clock(hour, minute)
        yield Finding(CHECK, WARNING, *match.span(), f"时刻应写作“{house}”。", house)
    for match in _FULL_WIDTH_DIGITS.finditer(line):
        house = match.group().translate(_HALF_WIDTH_DIGITS)
        yield Finding(CHECK, ERROR, *match.span(), f"数字应用半角：“{house}”。", house)
    for match in _SEPARATED.finditer(line):
        house = match.group().replace(",", "")
        yield Finding(CHECK, WARNING, *match.span(), f"数字不用千分撇：“{house}”。", house)
    for match in _ROUND.finditer(line):
        house = _in_wan(int(match["n"])) + match["unit"]
        yield Finding(CHECK, WARNING, *match.span(), f"整万的数字写作“{house}”。", house)
    for match in _HANZI_NUMBER.finditer(line):
        value = _hanzi_value(match["n"])
        if value is None:
            continue
        house = f"{value}{match['big']}{match['more'] or ''}{match['unit']}"
        yield Finding(CHECK, WARNING, *match.span(), f"计量的数字用阿拉伯数字：“{house}”。", house)


_HALF_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")


def _clock(hour: int, minute: int) -> str:
    return f"{hour}时{minute}分" if minute else f"{hour}时"


def _in_wan(number: int) -> str:
    """50000 → 5万, 120000000 → 1.2亿 (at most two decimals, else in 万)."""
    if number >= 100_000_000 and number % 1_000_000 == 0:
        return f"{number / 100_000_000:.2f}".rstrip("0").rstrip(".") + "亿"
    return f"{number // 10_000}万"


def _hanzi_value(printed: str) -> int | None:
    """三 → 3, 十二 → 12, 三十 → 30, 两 → 2; None for anything longer."""
    if printed in _DIGIT_OF:
        return _DIGIT_OF[printed]
    if "十" in printed and printed.count("十") == 1 and len(printed) <= 3:
        tens, _, ones = printed.partition("十")
        tens_value = _DIGIT_OF.get(tens, None) if tens else 1
        ones_value = _DIGIT_OF.get(ones, None) if ones else 0
        if tens_value is None or ones_value is None:
            return None
        return tens_value * 10 + ones_value
    return None
