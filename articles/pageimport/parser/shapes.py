"""Line shapes: what a line of the dump looks like (closed sentence, headline, strap,
crosshead), and the sizes the parser's judgements rest on."""

from __future__ import annotations

import re


def word_list(text: str) -> tuple[str, ...]:
    return tuple(text.split())


JUMP_WARNING = "稿件转版，余下的正文在其他版面"

BRIEF_MAX_CHARS = 150
FEATURE_MIN_CHARS = 300
CAPTION_MAX_CHARS = 500
CAPTION_MAX_PARAGRAPHS = 3
HEADLINE_MAX_CHARS = 40
LONG_TITLE_CHARS = 30
STRAP_MAX_CHARS = 12
CROSSHEAD_MAX_CHARS = 20

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
FINAL = "。！？!?…"
CLOSERS = "”’」』\"'）)》】"
_OPEN_END = "，,、；;：:（(“‘「『《【—-～~"
# A line starting with one of these continues the line before, whatever that ended with:
# the column broke between "。" and its closing "”".
CONTINUES = "”’」』）)》】，,、；;：:。！？!?"
# A line is closed when it ends with a full stop, possibly followed by closing quotes and a
# parenthetical such as a credit: "…活动。”", "…活动。（张恩刚）".
_CLOSED_RE = re.compile(rf"[{FINAL}][{CLOSERS}]*\s*(?:[（(][^（）()]*[）)])?$")
# Control characters other than the whitespace ones, and the replacement character that
# a wrong decoding leaves behind: many of them mean the "text" is binary.
CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
SUBTITLE_DASH_RE = re.compile(r"^[—―─－\-~～]+\s*")
# Datelines (电头), each kept whole with its place and date:
#   本报讯, 本报1月5日讯, 本报北京讯, 本报北京7月27日讯, 本网讯, 本刊讯;
#   another outlet's: 临汾新闻网讯, 三秦都市报讯, 中国江苏网5月25日讯;
#   a bare date: 2025年3月8日讯; the wire form 新华社北京1月5日电.
# A dateline word is followed by its credit bracket, a space, the text or the line's end;
# never by punctuation ("本报讯。" is a sentence about the paper, not a dateline).
_DATE = r"(?:\d{1,2}月\d{1,2}日)"
_OUTLET = r"(?:新闻网|网|日报|晚报|都市报|工人报|报道|报|融媒|新闻)"
DATELINE_RE = re.compile(
    rf"^(?:(?:(?:本报|本网|本刊)(?!记者|通讯)(?:[{CJK}]{{2,3}}?)?{_DATE}?讯"
    rf"|(?:本报|新华社|中新社)[{CJK}]{{0,4}}?{_DATE}?电)"
    rf"(?=$|[\s（(]|[{CJK}A-Za-z0-9])"
    # Another outlet's name or a bare date: only before a bracket, a space or the end.
    rf"|(?![据从在由向])(?:(?!本报|本网|本刊)[{CJK}]){{2,8}}?{_OUTLET}{_DATE}?讯(?=$|[\s（(])"
    rf"|\d{{4}}年{_DATE}讯(?=$|[\s（(]))"
)
# A dateline with its credit bracket: 本报讯（记者 崔欣）.
DATELINE_WITH_CREDIT_RE = re.compile(rf"{DATELINE_RE.pattern}\s*[（(]")


def visible_length(text: str) -> int:
    """Visible length: characters that are not whitespace."""
    return len("".join(text.split()))


def is_closed(line: str) -> bool:
    return bool(_CLOSED_RE.search(line))


def is_headline_shape(line: str) -> bool:
    """Short and without a full stop: a headline, strap, crosshead or a column fragment.

    Headlines may end in ！ or ？ ("冬日送暖，工会在行动！"), so short such lines count too.
    """
    if not 0 < visible_length(line) <= HEADLINE_MAX_CHARS or line[-1] in _OPEN_END or "。" in line:
        return False
    if line[0] in CONTINUES:
        return False
    return not is_closed(line) or _is_exclaimed_headline(line)


def _is_exclaimed_headline(line: str) -> bool:
    core = line.rstrip(CLOSERS)
    return (
        visible_length(line) <= LONG_TITLE_CHARS
        and core[-1:] in ("！", "？", "!", "?")
        and not re.search(f"[{FINAL}]", core[:-1])
    )


def looks_like_headline(line: str) -> bool:
    """Stricter than the shape: not a column fragment such as '近日，该公司工会积极，'."""
    return (
        visible_length(line) <= LONG_TITLE_CHARS
        and not is_closed(line)
        and len(re.findall(r"[，,；;]", line)) <= 1
    )


def is_crosshead(line: str) -> bool:
    """A short in-body subheading ("打造职工之家"): a paragraph of its own.

    A short piece of a sentence cut by a column break looks the same; clause punctuation
    or a quotation left open ("“在提升职工职业") gives the fragment away.
    """
    return (
        visible_length(line) <= CROSSHEAD_MAX_CHARS
        and not is_closed(line)
        and line[-1] not in _OPEN_END
        and not re.search(r"[，,；;：:]", line)
        and line.count("“") == line.count("”")
        and line.count("（") + line.count("(") == line.count("）") + line.count(")")
    )


def _is_wholly_quoted(line: str) -> bool:
    pairs = {"“": "”", '"': '"', "「": "」", "『": "』", "‘": "’"}
    close = pairs.get(line[:1])
    return bool(close) and len(line) > 1 and line.find(close, 1) == len(line) - 1


def is_subtitle_marked(line: str) -> bool:
    """A 副题 is flagged by a leading dash, or it is a quotation."""
    if SUBTITLE_DASH_RE.match(line) or _is_wholly_quoted(line):
        return True
    return bool(re.search(r"[：:][“\"]", line)) and line[-1:] in '”"'


def is_strap_like(line: str) -> bool:
    """Straps (栏目) are short slogans without quotes or punctuation: 寒冬送暖 工会行动."""
    return visible_length(line) <= STRAP_MAX_CHARS and not re.search(rf"[^\s{CJK}A-Za-z0-9·]", line)


def is_banner_like(line: str) -> bool:
    """A banner (通栏) is a long slogan in two or more spaced halves."""
    parts = line.split()
    return (
        len(parts) >= 2
        and all(visible_length(p) >= 7 for p in parts)
        and visible_length(line) >= 20
    )
