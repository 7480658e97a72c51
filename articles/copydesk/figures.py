"""Amounts and counts read from the copy: 5万余元 → 50000 元, qualifier 余. Pure Python.

What is read:

- a number in Arabic digits (1030, 1.2, full-width １０３０, 1,030), with 十/百/千/万/亿
  after it multiplying it (5万 → 50000, 1.2亿 → 120000000); or a number in Chinese
  numerals that carries 十/百/千/万/亿 (三十 → 30, 两万 → 20000, 一千零三十 → 1030;
  百余名, 千余人 and 万余名 read as 100, 1000, 10000 with 余);
- directly followed by one of `UNITS`, the measure words union papers print for money,
  people, organizations, goods and events. 万元 and 亿元 are 元 with the value
  multiplied; a rate keeps its base (3000元/人 → 3000, unit 元/人).

The qualifier is the printed word, kept as printed: before the number 近, 约, 逾, 超,
将近, 接近, 超过, 大约 (`近2万名`); between the number and the unit 余 or 多 (`5万余元`,
`570多万元`); after the unit 以上 or 左右 (`300名以上`). A figure keeps only the first
(`约300名左右` → 约). 余, 多, 逾, 超, 超过 and 以上 say "at least" (`MINIMUM_QUALIFIERS`).
共, 共计, 合计, 累计, 达 are not qualifiers: a total is an exact number, and the word stays
outside the figure. A figure's `text` is the qualifier, the number and the unit as
printed: `text[f.start:f.end] == f.text`.

What is never read:

- a number with no unit after it (12351, 2023 in “2023年”): years, dates, times and
  durations have no unit of `UNITS` (年, 月, 日, 时, 分, 天, 小时 are none), nor do ages
  (岁), distances and areas (米, 公里, 平方米): the activity's fields hold none of them;
- percentages and shares (30%, 百分之三十, 三成): a ratio is no amount or count;
- ordinals (第3版, 第十八次) and ranks;
- a number inside a code or a name (G20, 5G, 12351APP), a range (20至30名, 3-5名: neither
  end is the figure), a vague number (几十名, 数百名, 上千名), a number per something
  (每100名);
- Chinese numerals without 十/百/千/万/亿 (一份, 两节, 一线, 一年来, 三个), and idioms
  and names starting with a bare 百/千/万 (百场, 千家万户, 万人长跑);
- a measure word that begins another word (3个月, 5个小时, 2元旦, 3人民币, 本报, 家属).

Offsets are in characters of the text read, `end` exclusive; figures come in the order
they stand.
"""

import re
from decimal import Decimal

from articles.copydesk.checks.text import sentence_around
from articles.copydesk.findings import Figure

# The measure words read, by what they count. The admin offers each group to a field.
MONEY_UNITS = ("元",)
PEOPLE_UNITS = ("名", "人", "位")
ORGANIZATION_UNITS = ("家",)
GOODS_UNITS = (
    "份", "册", "本", "袋", "箱", "件", "套", "双", "张", "台", "桶", "斤", "公斤", "千克",
    "吨", "盒", "包", "条", "瓶", "辆", "支", "副", "幅", "顶", "床", "把", "只", "块",
    "罐", "提", "束",
)  # fmt: skip
OTHER_UNITS = ("人次", "个", "户", "场", "次", "项", "所", "处", "间", "座", "批", "组")
UNITS = MONEY_UNITS + PEOPLE_UNITS + ORGANIZATION_UNITS + GOODS_UNITS + OTHER_UNITS

# A rate: 3000元/人.
PER_UNITS = ("人", "户", "名", "位", "家", "次", "月", "年", "天", "个", "份")

QUALIFIERS_BEFORE = ("将近", "接近", "超过", "大约", "近", "约", "逾", "超")
QUALIFIERS_BETWEEN = ("余", "多")
QUALIFIERS_AFTER = ("以上", "左右")
MINIMUM_QUALIFIERS = frozenset({"余", "多", "逾", "超", "超过", "以上"})

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_PLACES = {"十": 10, "百": 100, "千": 1000}
_BIG_PLACES = {"万": 10_000, "亿": 100_000_000}
_PLACES = _SMALL_PLACES | _BIG_PLACES
_HALF_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")


def _alternatives(words) -> str:
    # Longest first: 人次 before 人, 公斤 before 斤.
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_FIGURE = re.compile(
    rf"(?P<before>{_alternatives(QUALIFIERS_BEFORE)})?"
    r"(?:(?P<arabic>[0-9０-９]+(?:,[0-9]{3})*(?:[.．][0-9０-９]+)?)(?P<times>[十百千万亿]{0,2})"
    r"|(?P<chinese>[零〇一二两三四五六七八九十百千万亿]+))"
    rf"(?P<between>{_alternatives(QUALIFIERS_BETWEEN)})?"
    r"(?P<big>[万亿]?)"
    rf"(?P<unit>{_alternatives(UNITS)})"
    rf"(?:[/／](?P<per>{_alternatives(PER_UNITS)}))?"
    rf"(?P<after>{_alternatives(QUALIFIERS_AFTER)})?"
)

# A qualifier that is the end of another word: 附近, 最近; 预约, 签约.
_NOT_A_QUALIFIER_AFTER = {
    "近": "附最邻靠亲就逼临贴",
    "约": "预签相邀节制契公条赴践守违特",
}
# A number right after these is no count of its own.
_ORDINAL = "第"
_RANGE_MARKS = "至到~～—–-"
_VAGUE = "几数上成好若"
_PER = "每"
# A measure word that begins another word here.
_NOT_A_UNIT_BEFORE = {
    # Durations: 3个月, 5个小时, 2个多月.
    "个": ("月", "小时", "工作日", "季度", "星期", "礼拜", "年头", "钟头", "多月", "多小时"),
    "元": ("旦", "宵", "月"),
    "人": ("民",),
    "本": ("报", "次", "届", "年", "月", "期", "市", "区", "县", "省", "镇", "村", "单位"),
    "家": ("属", "长", "庭"),
}


def read_figures(text: str) -> list[Figure]:
    """Every amount and count in the text, in order, with its sentence."""
    figures = []
    for match in _FIGURE.finditer(text):
        figure = _figure(text, match)
        if figure is not None:
            figures.append(figure)
    return figures


def is_minimum(figure: Figure) -> bool:
    """Whether the printed number is a floor (70余册: 70 and more), as GiftLine's
    `quantity_is_minimum` records it."""
    return figure.qualifier in MINIMUM_QUALIFIERS


def sentence_parts(text: str, figure: Figure) -> tuple[str, str, str]:
    """The figure's sentence cut around the figure: (before, the figure, after), for the
    editor's eye. The figure's own place is found even when its words stand in the
    sentence twice."""
    sentence = figure.sentence
    place = sentence.find(figure.text)
    while place != -1:
        left = figure.start - place
        if left >= 0 and text[left : left + len(sentence)] == sentence:
            return sentence[:place], figure.text, sentence[place + len(figure.text) :]
        place = sentence.find(figure.text, place + 1)
    return "", figure.text, ""


def _figure(text: str, match: re.Match) -> Figure | None:
    start = match.start()
    qualifier = match["before"] or ""
    if qualifier and _char(text, start - 1) in _NOT_A_QUALIFIER_AFTER.get(qualifier, ""):
        start = match.start("arabic") if match["arabic"] else match.start("chinese")
        qualifier = ""
    if not _stands_alone(text, start, chinese=bool(match["chinese"])):
        return None
    unit = match["unit"]
    if text.startswith(_NOT_A_UNIT_BEFORE.get(unit, ()), match.end("unit")):
        return None
    value = _value(match)
    if value is None:
        return None
    qualifier = qualifier or match["between"] or match["after"] or ""
    end = match.end()
    printed_unit = f"{unit}/{match['per']}" if match["per"] else unit
    return Figure(
        text=text[start:end],
        start=start,
        end=end,
        value=value,
        unit=printed_unit,
        qualifier=qualifier,
        sentence=sentence_around(text, start, end),
    )


def _stands_alone(text: str, start: int, *, chinese: bool) -> bool:
    """Whether the figure beginning at `start` is a number of its own: no ordinal, no
    end of a range, no part of a code, no vague or per-unit number."""
    before = _char(text, start - 1)
    if before in (_ORDINAL, _PER):
        return False
    if before.isascii() and (before.isalnum() or before in "./_"):
        return False
    if before in "０１２３４５６７８９．":
        return False
    if before in _RANGE_MARKS:
        previous = _char(text, start - 2)
        if previous.isdigit() or previous in _DIGITS or previous in _PLACES:
            return False
    return not (chinese and (before in _VAGUE or before in _DIGITS or before in _PLACES))


def _value(match: re.Match) -> int | float | None:
    if match["arabic"]:
        digits = match["arabic"].translate(_HALF_WIDTH).replace(",", "")
        number = Decimal(digits)
        for place in match["times"]:
            number *= _PLACES[place]
    else:
        whole = _chinese_value(match["chinese"], counted=bool(match["between"]))
        if whole is None:
            return None
        number = Decimal(whole)
    if match["big"]:
        number *= _BIG_PLACES[match["big"]]
    if number == number.to_integral_value():
        return int(number)
    return float(number)


def _chinese_value(printed: str, *, counted: bool) -> int | None:
    """三十 → 30, 两万 → 20000, 一千零三十 → 1030, 三万五 → 35000; None for what is no
    number of 十/百/千/万/亿 (一, 二三十, 十百). A bare 百, 千 or 万 at the start is a
    number only when 余 or 多 follows (`counted`): 百余名, but 百场, 千家万户."""
    if not any(char in _PLACES for char in printed):
        return None
    if printed[0] in "百千万亿" and not (counted and len(printed) == 1):
        return None
    total = 0  # the 亿 and 万 sections done
    section = 0  # below 万
    digit = None  # a digit not yet given its place
    last_place = None  # the place of the last 十/百/千 in this section
    after_zero = False
    for char in printed:
        if char in _DIGITS:
            if digit is not None and digit != 0:
                return None  # 二三十: two digits in a row
            after_zero = after_zero or _DIGITS[char] == 0
            digit = _DIGITS[char]
        elif char in _SMALL_PLACES:
            place = _SMALL_PLACES[char]
            if last_place is not None and place >= last_place:
                return None  # 十百, 百百
            if digit == 0:
                return None  # 零十
            section += (1 if digit is None else digit) * place
            digit, last_place, after_zero = None, place, False
        else:
            section += digit or 0
            if section == 0 and total == 0:
                section = 1  # 万余名
            if char == "亿":
                total = (total + section) * _BIG_PLACES["亿"]
            else:
                total += section * _BIG_PLACES["万"]
            section, digit, last_place, after_zero = 0, None, None, False
    if digit:
        # 三万五, 一百五: a last digit right after a place counts one place lower.
        if after_zero or (last_place is None and section == 0 and total == 0):
            section += digit
        elif last_place is not None:
            section += digit * last_place // 10
        else:
            previous_big = 10_000 if printed[-2] == "万" else 100_000_000
            section += digit * previous_big // 10
    return total + section


def _char(text: str, index: int) -> str:
    """The character at `index`, a space outside the text (never "" : "" is in every
    string)."""
    return text[index] if 0 <= index < len(text) else " "
