"""Turn one printed page's text dump into structured reports.

The e-paper PDF of a page is dumped to plain text. The dump keeps the reading order of the
print layout but breaks lines wherever a print column breaks, often in mid-sentence or even
mid-word, and it carries the e-paper's navigation chrome. This module rebuilds the page:
banner (通栏), column straps (栏目), and for each report its headline stack
(引题/主题/副题), dateline (电头), credits (署名) and re-joined body paragraphs, plus the
unions and topics it is about.

Pure standard library on purpose: the importer, the admin and management commands all call
it, and its tests run without Django.

Conventions the parser relies on (see shared/DOMAIN.md):
- a paragraph ends with sentence-final punctuation (。！？… possibly followed by a closing
  quote or bracket); a line without it continues on the next line;
- a headline or strap is a short line without it;
- a news report opens with a dateline (本报讯（记者 崔欣）); a photo report has a title,
  a caption and its credit AFTER the text (本报记者 周美玉 摄影报道).

Nothing the dump says is thrown away: every fragment lands in exactly one output field
(``ParsedPage.consumed_text()`` lists them), and where the parser has to guess it says so
in a Chinese warning instead of dropping text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

__all__ = [
    "COLUMN_SEPARATOR",
    "DEFAULT_TOPIC_KEYWORDS",
    "KINDS",
    "ROLES",
    "PageParseError",
    "ParsedArticle",
    "ParsedCredit",
    "ParsedPage",
    "parse_page",
]

ROLES = ("reporter", "correspondent", "photographer", "intern", "editor", "other")
KINDS = ("news", "photo", "feature", "brief")


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Topic slug -> keywords. A headline hit weighs HEADLINE_WEIGHT body hits.
DEFAULT_TOPIC_KEYWORDS: dict[str, tuple[str, ...]] = {
    "song-wen-nuan": _words(
        "送温暖 慰问 走访慰问 慰问金 慰问品 温暖礼包 两节 困难职工 帮扶 春送岗位 冬送温暖"
    ),
    "xue-xi-xing-zu-zhi": _words("职工书屋 学习型 读书 书香"),
    "zhi-gong-shu-wu": _words("职工书屋"),
    "xue-xi-xing-qi-ye": _words("学习型企业"),
    "xue-xi-xing-ban-zu": _words("学习型班组"),
    "qin-zi-huo-dong": _words("亲子"),
    "ji-ceng-jian-she": _words("大抓基层 基层工会建设 基层建设 建家建站 职工之家 建会入会"),
    "wei-quan": _words("维权 劳动争议 欠薪 法律援助 法律服务"),
    "lao-mo-gong-jiang": _words("劳模 工匠"),
}
HEADLINE_WEIGHT = 3
TOPIC_MIN_SCORE = 3  # one headline hit, or three body hits

# A report that receives more than one strap shows them joined by this.
COLUMN_SEPARATOR = " / "

JUMP_WARNING = "稿件转版，余下的正文在其他版面"

BRIEF_MAX_CHARS = 150
FEATURE_MIN_CHARS = 300
CAPTION_MAX_CHARS = 500
CAPTION_MAX_PARAGRAPHS = 3
HEADLINE_MAX_CHARS = 40
LONG_TITLE_CHARS = 30
STRAP_MAX_CHARS = 12
CROSSHEAD_MAX_CHARS = 20

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_FINAL = "。！？!?…"
_CLOSERS = "”’」』\"'）)》】"
_OPEN_END = "，,、；;：:（(“‘「『《【—-～~"
# A line starting with one of these continues the line before, whatever that ended with:
# the column broke between "。" and its closing "”".
_CONTINUES = "”’」』）)》】，,、；;：:。！？!?"
# A line is closed when it ends with a full stop, possibly followed by closing quotes and a
# parenthetical such as a credit: "…活动。”", "…活动。（张恩刚）".
_CLOSED_RE = re.compile(rf"[{_FINAL}][{_CLOSERS}]*\s*(?:[（(][^（）()]*[）)])?$")
# Control characters other than the whitespace ones, and the replacement character that
# a wrong decoding leaves behind: many of them mean the "text" is binary.
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_SUBTITLE_DASH_RE = re.compile(r"^[—―─－\-~～]+\s*")
# 本报讯, 本报1月5日讯, 本网讯; a place name only in the wire form 新华社北京1月5日电.
_DATELINE_RE = re.compile(
    rf"^(?:(?:本报|本网|本刊)(?:\d{{1,2}}月\d{{1,2}}日)?讯"
    rf"|(?:本报|新华社|中新社)[{_CJK}]{{0,4}}?(?:\d{{1,2}}月\d{{1,2}}日)?电)"
)

# Printed role words; the regex below tries the longest first so 见习记者 wins over 记者.
_ROLE_OF_LABEL = {
    label: role
    for role, labels in {
        "reporter": "记者 本报记者 见习记者 特约记者 首席记者 本报特约记者 本报见习记者 新华社记者",
        "correspondent": "通讯员 特约通讯员 本报通讯员",
        "intern": "实习生 实习记者 本报实习生",
        "photographer": "摄影 摄影记者 文/图 文／图 图/文 图／文",
        "editor": "编辑 责任编辑",
    }.items()
    for label in labels.split()
}
_ROLE_ALT = "|".join(re.escape(w) for w in sorted(_ROLE_OF_LABEL, key=len, reverse=True))
_ROLE_SPLIT_RE = re.compile(f"({_ROLE_ALT})")
_LOOSE_TOKEN_RE = re.compile(rf"(?P<role>{_ROLE_ALT})?(?P<name>[{_CJK}·]{{1,4}})?")
_NAME_RE = re.compile(rf"[{_CJK}]{{2,4}}|[{_CJK}]+[·•][{_CJK}·•]+")
# Words that fit the shape of a name but are not people.
_NOT_NAMES = frozenset(
    _words(
        "手记 供稿 供图 提供 报道 整理 综合 编译 摄影 通讯 近日 日前 昨天 "
        "今天 昨日 今日 近期 目前 本报 图片 图文 视频 来源 新闻 快讯 简讯 "
        "观察"
    )
)
_PHOTO_SUFFIX_RE = re.compile(r"^(?P<body>.*?)(?P<gap>\s*)(?:摄影报道|摄影|摄)$")
_TEXT_PHOTO_RE = re.compile(r"^(?P<label>文/图|文／图|图/文|图／文)\s*[:：]?\s*(?P<body>.+)$")
_AGENCY_PHOTO_RE = re.compile(r"^(?P<name>新华社|中新社|人民图片|视觉中国)发$")
CREDIT_MAX_CHARS = 40

# E-paper chrome: a line made only of these tokens is dropped.
_CHROME_TOKEN_RE = re.compile(
    r"""(?x)^(?:
      第\d{1,3}版(?:[:：]\S{0,10})?
    | [（(]?(?:上接|下转|接|转)第?\d{1,3}版[）)]?
    | 上一版|下一版|上一篇|下一篇|上一期|下一期|版面导航|版面概览|返回目录|返回首页|
      放大|缩小|默认|PDF下载|下载PDF|打印|[|｜/]
    | \d{4}年\d{1,2}月\d{1,2}日 | (?:星期|周)[一二三四五六日天] | \d{4}[-./]\d{1,2}[-./]\d{1,2}
    | 第\d{1,5}期 | 第\d{1,3}页 | [-—－]?\d{1,3}[-—－]?
    )$"""
)
_CHROME_HEAD_RE = re.compile(r"^[（(]?(?:上接|接)第?\s*\d{1,3}\s*版[）)]?")
_CHROME_TAIL_RE = re.compile(r"[（(]?(?:下转|转)第?\s*\d{1,3}\s*版[）)]?$")

# Union names: suggestion candidates end in one of these (longest first).
_UNION_CANDIDATE_RE = re.compile(rf"[{_CJK}]{{2,30}}?(?:工会联合会|联合工会|总工会|工会)")
# Verbs and prepositions that stand before an organisation name inside the same run of
# characters ("记者从丰台区总工会获悉"): the name starts after the last of them.
_UNION_CUT_WORDS = _words(
    "来到 启动 开展 组织 动员 号召 邀请 走访 举办 了解 获悉 牵头 带领 "
    "联合 推动 指导 协助 支持 参加 参与 记者 近日 日前 随后 同时 通过 "
    "依托 成立 建立 召开 表示 介绍 来自 引导 落实 贯彻 学习 携手 会同 "
    "深入 前往 慰问 对接 发挥 以及 作为 其中 此次 当天 今年 进行"
)
_UNION_CUT_CHARS = "从在向与和及对由为将把被让给到是的了等据经同"
_UNION_LEADING_MODIFIERS = _words("各级 全市 全区 所属 直属 下属 上级 相关 全体 广大 各 该 本 其")
# Words too generic to make a name specific: "区总工会", "各基层工会", "该公司工会".
_UNION_GENERIC_WORDS = _words(
    "北京市 乡镇 街道 基层 企业 公司 单位 社区 园区 行业 产业 机关 职工 "
    "中国 全国 北京 区 市 县 镇 乡 村 分 总 家 个 级"
)
# A specific union name ends its prefix with a place or an organisation.
_UNION_PREFIX_ENDS = (
    "银行",
    "分行",
    "支行",
    *"区县市镇乡道村园司团局厂院校会心站所部队店场社馆处室组段矿港楼宇圈业门委厅",
)


class PageParseError(ValueError):
    """The text is not a page dump the parser can read (message in Chinese)."""


@dataclass
class ParsedCredit:
    role: str  # one of ROLES
    name: str  # padding removed: "王 伟" -> "王伟"
    label: str = ""  # the printed role word: "记者", "见习记者", "本报记者", ""


@dataclass
class ParsedArticle:
    kind: str = "news"
    column: str = ""
    kicker: str = ""
    title: str = ""
    subtitle: str = ""
    dateline: str = ""
    credits: list[ParsedCredit] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    unions: list[str] = field(default_factory=list)
    union_suggestions: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Bookkeeping so nothing printed is lost: the credit fragments exactly as printed
    # ("（记者 边磊 通讯员 蔡洪玉）", "本报记者 周美玉 摄影报道") and the dash removed from
    # the subtitle.
    credit_text: list[str] = field(default_factory=list)
    subtitle_mark: str = ""


@dataclass
class ParsedPage:
    banner: str | None
    articles: list[ParsedArticle]
    dropped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json_dict(self) -> dict:
        article_warnings = [
            f"{a.title or '（无标题）'}：{w}" for a in self.articles for w in a.warnings
        ]
        return {
            "banner": self.banner,
            "articles": [
                {
                    "kind": a.kind,
                    "column": a.column,
                    "kicker": a.kicker,
                    "title": a.title,
                    "subtitle": a.subtitle,
                    "credits": [{"role": c.role, "name": c.name} for c in a.credits],
                    "paragraphs": list(a.paragraphs),
                    "unions": list(a.unions),
                    "topics": list(a.topics),
                }
                for a in self.articles
            ],
            "warnings": [*self.warnings, *article_warnings],
        }

    def consumed_text(self) -> list[str]:
        """Every input fragment in the form it was consumed (each strap once).

        The multiset of non-whitespace characters over these fragments equals that of the
        input text: the property tests check it.
        """
        fragments = [self.banner or ""]
        for a in self.articles:
            fragments += a.column.split(COLUMN_SEPARATOR) if a.column else []
            fragments += [a.kicker, a.title, a.subtitle_mark + a.subtitle, a.dateline]
            fragments += a.credit_text + a.paragraphs
        fragments += self.dropped
        return [f for f in fragments if f]


def parse_page(
    text: str,
    *,
    union_names: Mapping[str, str] | None = None,
    topic_keywords: Mapping[str, Sequence[str]] | None = None,
    column_names: Iterable[str] = (),
) -> ParsedPage:
    """Parse one page dump. Raises PageParseError when there is no page to parse."""
    _check_text(text)
    columns = {name.strip() for name in column_names if name and name.strip()}
    lines, jumped, dropped = _prepare_lines(text)
    chunks = _Scanner([_classify(line, line in jumped) for line in lines]).scan()
    page = _assemble(chunks, columns, dropped)
    if not any(_is_recognisable(a) for a in page.articles):
        raise PageParseError("未能识别出任何稿件：没有找到标题加正文、电头或署名")
    matcher = _UnionMatcher(union_names or {})
    keywords = DEFAULT_TOPIC_KEYWORDS if topic_keywords is None else topic_keywords
    for article in page.articles:
        article.unions, article.union_suggestions = matcher.find(_article_text(article))
        article.topics = _topics(article, keywords)
        article.warnings += _article_warnings(article)
    return page


# --------------------------------------------------------------------------- input


def _check_text(text: str) -> None:
    if not isinstance(text, str):
        raise PageParseError("页面内容必须是文本")
    if not text.strip():
        raise PageParseError("页面文本为空")
    if "\x00" in text:
        raise PageParseError("页面文本含有空字符（NUL），看起来是二进制文件而不是文本")
    controls = len(_CONTROL_RE.findall(text))
    if controls > 10 or controls * 20 > len(text):
        raise PageParseError(f"页面文本含有{controls}个控制字符，看起来是二进制文件而不是文本")


def _prepare_lines(text: str) -> tuple[list[str], set[str], list[str]]:
    """Non-blank lines with e-paper chrome removed; the chrome goes to `dropped`.

    Also returns the lines that ended in a jump note ("（下转第2版）"): their paragraph goes
    on on another page, so they are body text however short they are.
    """
    lines: list[str] = []
    jumped: set[str] = set()
    dropped: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if _is_chrome_line(line):
            dropped.append(line)
            continue
        # "上接第1版" / "（下转第2版）" glued to a line of body text.
        for pattern in (_CHROME_HEAD_RE, _CHROME_TAIL_RE):
            match = pattern.search(line)
            if match and match.group().strip():
                dropped.append(match.group())
                line = (line[: match.start()] + line[match.end() :]).strip()
                if line and pattern is _CHROME_TAIL_RE:
                    jumped.add(line)
        if line:
            lines.append(line)
    return _mend_broken_datelines(lines), jumped, dropped


def _mend_broken_datelines(lines: list[str]) -> list[str]:
    """Re-join a dateline the print column broke: '本' + '报讯（记者 崔欣）…', or
    '本报讯（记者' + '崔欣）…'. Elsewhere a break is mended while paragraphs are built."""
    mended: list[str] = []
    for line in lines:
        previous = mended[-1] if mended else ""
        head = _DATELINE_RE.match(previous)
        across = _DATELINE_RE.match(previous + line)
        word_broken = bool(previous and across) and not head and across.end() > len(previous)
        bracket_open = bool(head) and re.fullmatch(r"\s*[（(][^（）()]*", previous[head.end() :])
        if word_broken or bracket_open:
            mended[-1] = previous + line
        else:
            mended.append(line)
    return mended


def _is_chrome_line(line: str) -> bool:
    if re.match(r"第\s*\d{1,3}\s*版", line) and _vlen(line) <= 24:
        return True  # "第3版 工会新闻": the page label with its section name
    if re.fullmatch(r"[-—－]\s*\d{1,3}\s*[-—－]", line):
        return True  # "- 3 -": a page number
    return all(_CHROME_TOKEN_RE.match(token) for token in line.split())


# --------------------------------------------------------------------------- line shapes


def _vlen(text: str) -> int:
    """Visible length: characters that are not whitespace."""
    return len("".join(text.split()))


def _is_closed(line: str) -> bool:
    return bool(_CLOSED_RE.search(line))


def _is_headline_shape(line: str) -> bool:
    """Short and without a full stop: a headline, strap, crosshead or a column fragment.

    Headlines may end in ！ or ？ ("冬日送暖，工会在行动！"), so short such lines count too.
    """
    if not 0 < _vlen(line) <= HEADLINE_MAX_CHARS or line[-1] in _OPEN_END or "。" in line:
        return False
    if line[0] in _CONTINUES:
        return False
    return not _is_closed(line) or _is_exclaimed_headline(line)


def _is_exclaimed_headline(line: str) -> bool:
    core = line.rstrip(_CLOSERS)
    return (
        _vlen(line) <= LONG_TITLE_CHARS
        and core[-1:] in ("！", "？", "!", "?")
        and not re.search(f"[{_FINAL}]", core[:-1])
    )


def _looks_like_headline(line: str) -> bool:
    """Stricter than the shape: not a column fragment such as '近日，该公司工会积极，'."""
    return (
        _vlen(line) <= LONG_TITLE_CHARS
        and not _is_closed(line)
        and len(re.findall(r"[，,；;]", line)) <= 1
    )


def _is_crosshead(line: str) -> bool:
    """A short in-body subheading ("打造职工之家"): a paragraph of its own.

    A short piece of a sentence cut by a column break looks the same; clause punctuation
    or a quotation left open ("“在提升职工职业") gives the fragment away.
    """
    return (
        _vlen(line) <= CROSSHEAD_MAX_CHARS
        and not _is_closed(line)
        and line[-1] not in _OPEN_END
        and not re.search(r"[，,；;：:]", line)
        and line.count("“") == line.count("”")
        and line.count("（") + line.count("(") == line.count("）") + line.count(")")
    )


def _is_wholly_quoted(line: str) -> bool:
    pairs = {"“": "”", '"': '"', "「": "」", "『": "』", "‘": "’"}
    close = pairs.get(line[:1])
    return bool(close) and len(line) > 1 and line.find(close, 1) == len(line) - 1


def _is_subtitle_marked(line: str) -> bool:
    """A 副题 is flagged by a leading dash, or it is a quotation."""
    if _SUBTITLE_DASH_RE.match(line) or _is_wholly_quoted(line):
        return True
    return bool(re.search(r"[：:][“\"]", line)) and line[-1:] in '”"'


def _is_strap_like(line: str) -> bool:
    """Straps (栏目) are short slogans without quotes or punctuation: 寒冬送暖 工会行动."""
    return _vlen(line) <= STRAP_MAX_CHARS and not re.search(rf"[^\s{_CJK}A-Za-z0-9·]", line)


def _is_banner_like(line: str) -> bool:
    """A banner (通栏) is a long slogan in two or more spaced halves."""
    parts = line.split()
    return len(parts) >= 2 and all(_vlen(p) >= 7 for p in parts) and _vlen(line) >= 20


# --------------------------------------------------------------------------- credits


@dataclass
class _Credit:
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
    if not text.strip() or _vlen(text) > CREDIT_MAX_CHARS:
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
        role = _ROLE_OF_LABEL.get(label, "other")
        credits += [ParsedCredit(role=role, name=name, label=label) for name in names]
    return credits or None


def _parse_photo_credit(text: str) -> _Credit | None:
    """'本报记者 周美玉 摄影报道', '通讯员 张三 摄', '张三 摄', '文/图 张三', '新华社发'."""
    raw = text.strip()
    bracketed = raw[:1] in "（(" and raw[-1:] in "）)"  # "（张三 摄）"
    inner = raw[1:-1].strip() if bracketed else raw
    if not inner or _vlen(inner) > CREDIT_MAX_CHARS:
        return None
    if match := _AGENCY_PHOTO_RE.match(inner):
        return _Credit(raw, [ParsedCredit("other", match["name"], "")], photo=True)
    if match := _TEXT_PHOTO_RE.match(inner):
        names = _split_names(match["body"])
        if names is None:
            return None
        credits = [ParsedCredit("photographer", n, match["label"]) for n in names]
        return _Credit(raw, credits, photo=True, text_and_photo=True)
    match = _PHOTO_SUFFIX_RE.match(inner)
    if not match:
        return None
    credits = _parse_credit_body(match["body"])
    # Without a role word, insist on a space before 摄 so "…拍摄" is not a credit.
    if not credits or (not credits[0].label and not match["gap"]):
        return None
    return _Credit(raw, [replace(c, role="photographer") for c in credits], photo=True)


def _parse_end_credit(text: str) -> _Credit | None:
    """A credit standing after the text: '（张恩刚）', '（记者 张三）', '记者 张三'."""
    raw = text.strip()
    if raw[:1] in "（(" and raw[-1:] in "）)":
        credits = _parse_credit_body(raw[1:-1])
    elif re.match(rf"(?:{_ROLE_ALT})\s", raw):
        credits = _parse_credit_body(raw, require_role=True)
    else:
        credits = None
    return _Credit(raw, credits) if credits else None


def _split_trailing_photo_credit(line: str) -> tuple[str, _Credit] | None:
    """'…慰问品。本报记者 周美玉 摄影报道' -> ('…慰问品。', credit).

    The credit must follow a full stop or a space; '（12月6日摄）' is not a credit because
    its words are not names.
    """
    # Only the tail can hold a credit; looking no further keeps long lines cheap.
    window = max(0, len(line) - 2 * CREDIT_MAX_CHARS)
    starts = [m.end() for m in re.finditer(rf"[{_FINAL}][{_CLOSERS}]*|\s+", line[window:])]
    for start in (window + offset for offset in starts):
        tail = line[start:].strip()
        if 0 < start < len(line) and tail and _vlen(tail) <= CREDIT_MAX_CHARS + 8:
            credit = _parse_photo_credit(tail)
            if credit and line[:start].strip():
                return line[:start].rstrip(), credit
    return None


def _split_trailing_end_credit(paragraph: str) -> tuple[str, _Credit] | None:
    """'…活动。（张恩刚）' -> ('…活动。', credit)."""
    match = re.search(rf"(?<=[{_FINAL}{_CLOSERS}])\s*([（(][^（）()]{{1,30}}[）)])$", paragraph)
    if not match or not _is_closed(paragraph[: match.start()]):
        return None
    tail = match.group(1)
    credit = _parse_photo_credit(tail) or _parse_end_credit(tail)
    return (paragraph[: match.start()].rstrip(), credit) if credit else None


def _split_dateline(line: str) -> tuple[str, str, list[ParsedCredit], str, str | None]:
    """'本报讯（记者 崔欣）中关村…' -> ('本报讯', '（记者 崔欣）', credits, '中关村…', warning)."""
    match = _DATELINE_RE.match(line)
    dateline, rest = match.group(), line[match.end() :]
    bracket = re.match(r"\s*([（(])([^（）()]{1,40})([）)])", rest)
    if bracket:
        credits = _parse_credit_body(bracket.group(2))
        if credits:
            return dateline, bracket.group().strip(), credits, rest[bracket.end() :], None
        return dateline, "", [], rest, "电头后的括号内容未能识别为署名"
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


# --------------------------------------------------------------------------- scanning


@dataclass
class _Line:
    text: str
    kind: str  # "dateline" | "credit" | "head" | "body"
    credit: _Credit | None = None
    jumps: bool = False  # the paragraph goes on on another page ("下转第2版")


def _classify(text: str, jumps: bool = False) -> _Line:
    if jumps:
        return _Line(text, "body", jumps=True)
    if _DATELINE_RE.match(text):
        return _Line(text, "dateline")
    if _vlen(text) <= CREDIT_MAX_CHARS + 8:
        credit = _parse_photo_credit(text) or _parse_end_credit(text)
        if credit:
            return _Line(text, "credit", credit)
    # A short caption with its photo credit glued on is text, not a headline.
    is_head = _is_headline_shape(text) and not _split_trailing_photo_credit(text)
    return _Line(text, "head" if is_head else "body")


@dataclass
class _Chunk:
    """One report while it is being read: its headline lines and its article."""

    head: list[str]
    article: ParsedArticle = field(default_factory=ParsedArticle)
    open: bool = False  # the last paragraph waits for the rest of its sentence
    finished: bool = False  # a credit after the text closed the report
    photo: bool = False  # that credit was for pictures only: a photo report

    def add_body(self, text: str, *, jumps: bool = False, after_dateline: bool = False) -> None:
        split = _split_trailing_photo_credit(text)
        if split:
            text, credit = split
        paragraphs = self.article.paragraphs
        if paragraphs and (self.open or text[0] in _CONTINUES):
            paragraphs[-1] = _join(paragraphs[-1], text)
            self.open = not _is_closed(paragraphs[-1][-200:])
        else:
            paragraphs.append(text)
            # The text after a dateline is never a crosshead.
            crosshead = not after_dateline and _is_crosshead(text)
            self.open = not (_is_closed(text) or crosshead)
        if jumps:
            self.open = False
            self.article.warnings.append(JUMP_WARNING)
        if split:
            self.add_credit(credit)

    def add_credit(self, credit: _Credit) -> None:
        self.article.credit_text.append(credit.raw)
        self.article.credits += credit.credits
        self.open = False
        self.finished = True
        self.photo = self.photo or (credit.photo and not credit.text_and_photo)

    def add_dateline(self, text: str) -> None:
        dateline, raw, credits, rest, warning = _split_dateline(text)
        self.article.dateline = dateline
        if raw:
            self.article.credit_text.append(raw)
            self.article.credits += credits
        if warning:
            self.article.warnings.append(warning)
        if rest.strip():
            self.add_body(rest.strip(), after_dateline=True)


def _join(left: str, right: str) -> str:
    """Re-join a line the print column broke: no space in Chinese, one between Latin words."""
    if left[-1:].isascii() and left[-1:].isalpha() and right[:1].isascii() and right[:1].isalpha():
        return f"{left} {right}"
    return left + right


class _Scanner:
    """Cut the page's lines into reports.

    A new report starts at a run of headline-shaped lines that is followed by a dateline,
    or by a caption and a photo credit; at the top of the page; or (for features without a
    dateline) when the previous report already ended with its credit or the run is a whole
    headline stack of two or more lines. Any other short line is a crosshead inside the
    current report, or the rest of a sentence the print column broke.
    """

    def __init__(self, lines: list[_Line]) -> None:
        self.lines = lines

    def scan(self) -> list[_Chunk]:
        chunks: list[_Chunk] = []
        current: _Chunk | None = None
        i = 0
        while i < len(self.lines):
            line = self.lines[i]
            if line.kind == "head":
                end = self._run_end(i)
                if self._starts_report(i, end, current):
                    current = _Chunk(head=[x.text for x in self.lines[i:end]])
                    chunks.append(current)
                    i = end
                    continue
            if line.kind == "dateline" and (
                current is None or current.article.dateline or current.article.paragraphs
            ):
                current = None  # a second dateline starts a report without a headline
            if current is None:
                current = _Chunk(head=[])
                chunks.append(current)
            if line.kind == "dateline":
                current.add_dateline(line.text)
            elif line.kind == "credit":
                current.add_credit(line.credit)
            else:
                current.add_body(line.text, jumps=line.jumps)
            i += 1
        return chunks

    def _run_end(self, start: int) -> int:
        end = start
        while end < len(self.lines) and self.lines[end].kind == "head":
            end += 1
        return end

    def _starts_report(self, start: int, end: int, current: _Chunk | None) -> bool:
        following = self.lines[end].kind if end < len(self.lines) else None
        if following == "dateline" or current is None:
            return True
        if self._caption_and_credit_follow(end):
            return True
        if current.open or following != "body":
            return False  # the rest of a broken sentence, or headline-like lines at the end
        whole_stack = end - start >= 2 and all(
            _looks_like_headline(x.text) for x in self.lines[start:end]
        )
        return current.finished or whole_stack

    def _caption_and_credit_follow(self, start: int) -> bool:
        """Look ahead: does a caption (or feature text) end in a credit of its own?"""
        chars = paragraphs = 0
        is_open = False
        for line in self.lines[start:]:
            credit = line.credit
            if line.kind == "body" or (line.kind == "head" and is_open):
                split = _split_trailing_photo_credit(line.text)
                if split:
                    chars += _vlen(split[0])
                    credit = split[1]
                else:
                    chars += _vlen(line.text)
                    is_open = not (_is_closed(line.text) or line.jumps)
                    paragraphs += not is_open
                    continue
            elif line.kind != "credit":
                return False  # a dateline or the next headline came first
            small = chars <= CAPTION_MAX_CHARS and paragraphs <= CAPTION_MAX_PARAGRAPHS
            # A plain end credit ("（张恩刚）") is more likely the current report's own than
            # the sign of a new one: keeping text in its report is the safer mistake.
            return credit.photo and (small or credit.text_and_photo)
        return False


# --------------------------------------------------------------------------- assembling


def _assemble(chunks: list[_Chunk], columns: set[str], dropped: list[str]) -> ParsedPage:
    page = ParsedPage(banner=None, articles=[], dropped=dropped)
    strap_groups: list[list[str]] = []
    for index, chunk in enumerate(chunks):
        head = chunk.head
        if index == 0 and not head and chunk.article.paragraphs:
            page.warnings.append("页面开头有无标题的正文，可能是上接前版的内容")
        if index == 0 and len(head) >= 2 and _is_banner_like(head[0]) and head[0] not in columns:
            page.banner, head = head[0], head[1:]
        straps, stack = _take_straps(head, columns)
        _fill_headline(chunk.article, stack)
        _take_trailing_end_credit(chunk)
        page.articles.append(chunk.article)
        strap_groups.append(straps)
    _assign_straps(page.articles, strap_groups)
    for chunk in chunks:
        chunk.article.kind = _kind(chunk)
    return page


def _take_straps(head: list[str], columns: set[str]) -> tuple[list[str], list[str]]:
    """Split headline lines into column straps and the headline stack under them.

    A leading line is a strap when it is a known column name; or when it is strap-like
    (short, no punctuation) and either three or more lines remain whose last is not
    marked as a subtitle (so they cannot all be kicker/title/subtitle), or it continues
    a strap block with a spaced slogan ("寒冬送暖 工会行动").
    """
    straps: list[str] = []
    rest = list(head)
    while len(rest) > 1:
        first = rest[0]
        crowded = len(rest) > 3 or (len(rest) == 3 and not _is_subtitle_marked(rest[-1]))
        spaced_block = bool(straps) and len(first.split()) > 1
        if first in columns or (_is_strap_like(first) and (crowded or spaced_block)):
            straps.append(rest.pop(0))
        else:
            break
    return straps, rest


def _fill_headline(article: ParsedArticle, stack: list[str]) -> None:
    """One line: title. Two: kicker+title, or title+subtitle when the second is marked as a
    subtitle. Three: kicker, title, subtitle (extra lines join the kicker, with a warning)."""
    if len(stack) > 3:
        article.warnings.append("标题行过多，多出的行已并入引题，请核对")
    if len(stack) >= 3:
        article.kicker = " ".join(stack[:-2])
        article.title, subtitle = stack[-2], stack[-1]
    elif len(stack) == 2 and _is_subtitle_marked(stack[1]):
        article.title, subtitle = stack
    elif len(stack) == 2:
        article.kicker, article.title = stack
        subtitle = ""
    else:
        article.title, subtitle = (stack[0] if stack else ""), ""
    dash = _SUBTITLE_DASH_RE.match(subtitle)
    if dash and subtitle[dash.end() :]:
        article.subtitle_mark, subtitle = dash.group(), subtitle[dash.end() :]
    article.subtitle = subtitle


def _take_trailing_end_credit(chunk: _Chunk) -> None:
    """'…活动。（张恩刚）' at the end of the last paragraph is the report's credit."""
    paragraphs = chunk.article.paragraphs
    if chunk.finished or not paragraphs:
        return
    split = _split_trailing_end_credit(paragraphs[-1])
    if split:
        body, credit = split
        if body:
            paragraphs[-1] = body
        else:
            paragraphs.pop()
        chunk.add_credit(credit)


def _assign_straps(articles: list[ParsedArticle], groups: list[list[str]]) -> None:
    """Give each strap (栏目) to the report it stands over.

    The dump can print a strap block after the report it belongs to (on the seed page both
    straps follow report 1). Rule: the last strap of a block goes to the following report;
    an earlier strap goes to the preceding report when that report has no column yet and
    shares most of the strap's words; otherwise it also goes to the following report.
    """
    for index, straps in enumerate(groups):
        if not straps:
            continue
        previous = articles[index - 1] if index else None
        mine = []
        for strap in straps[:-1]:
            if previous and not previous.column and _shares_words(strap, previous):
                previous.column = strap
            else:
                mine.append(strap)
        articles[index].column = COLUMN_SEPARATOR.join([*mine, straps[-1]])


def _bigrams(text: str) -> set[str]:
    runs = re.findall(f"[{_CJK}]+", text)
    return {run[i : i + 2] for run in runs for i in range(len(run) - 1)}


def _shares_words(strap: str, article: ParsedArticle) -> bool:
    words = _bigrams(strap) - {"工会", "职工"}
    if len(words) < 2:
        return False
    found = words & _bigrams(_article_text(article))
    return len(found) * 2 >= len(words)


# --------------------------------------------------------------------------- deriving


def _article_text(article: ParsedArticle) -> str:
    return "\n".join([article.kicker, article.title, article.subtitle, *article.paragraphs])


def _is_recognisable(article: ParsedArticle) -> bool:
    has_text = bool(article.title and article.paragraphs)
    return bool(article.dateline or article.credits or has_text)


def _kind(chunk: _Chunk) -> str:
    """news: has a dateline (brief when it is one short paragraph); photo: a photo credit
    after a caption; feature: no dateline, but long or signed at the end."""
    article = chunk.article
    chars = sum(_vlen(p) for p in article.paragraphs)
    if article.dateline:
        brief = len(article.paragraphs) == 1 and chars <= BRIEF_MAX_CHARS
        return "brief" if brief else "news"
    if chunk.photo:
        return "feature" if chars > CAPTION_MAX_CHARS else "photo"
    return "feature" if chars > FEATURE_MIN_CHARS or chunk.finished else "news"


def _article_warnings(article: ParsedArticle) -> list[str]:
    warnings = []
    if not article.title:
        warnings.append("未识别到标题")
    elif _vlen(article.title) > LONG_TITLE_CHARS:
        warnings.append(f"标题较长（{_vlen(article.title)}字），请核对是否混入了正文")
    last = article.paragraphs[-1] if article.paragraphs else ""
    if not last:
        warnings.append("未识别到正文")
    elif not (_is_closed(last) or _is_crosshead(last) or JUMP_WARNING in article.warnings):
        warnings.append("最后一段未以句末标点结束，可能有缺漏")
    if article.kind == "photo":
        return warnings
    if not article.dateline and not article.credits:
        warnings.append("未识别到电头和署名")
    elif not article.credits:
        warnings.append("未识别到署名")
    elif not article.dateline and article.kind != "feature":
        warnings.append("未识别到电头")
    return warnings


def _topics(article: ParsedArticle, keywords: Mapping[str, Sequence[str]]) -> list[str]:
    """Slugs whose keywords clearly occur: a headline hit, or several body hits."""
    headline = " ".join([article.column, article.kicker, article.title, article.subtitle])
    body = "\n".join(article.paragraphs)
    scores = {}
    for slug, words in keywords.items():
        score = sum(HEADLINE_WEIGHT * headline.count(w) + body.count(w) for w in words if w)
        if score >= TOPIC_MIN_SCORE:
            scores[slug] = score
    return sorted(scores, key=lambda slug: -scores[slug])


def _union_norm(name: str) -> str:
    return name.replace("总工会", "工会").replace("联合工会", "工会")


class _UnionMatcher:
    """Find known unions (longest name first) and suggest union-like names not known."""

    def __init__(self, union_names: Mapping[str, str]) -> None:
        self.full_name = {k.strip(): v.strip() for k, v in union_names.items() if k.strip()}
        self.by_first: dict[str, list[str]] = {}
        for name in sorted(self.full_name, key=len, reverse=True):
            self.by_first.setdefault(name[0], []).append(name)
        known = set(self.full_name) | set(self.full_name.values())
        self.known_norms = [_union_norm(n) for n in known]

    def find(self, text: str) -> tuple[list[str], list[str]]:
        unions: list[str] = []
        masked = []
        i = 0
        while i < len(text):
            name = next((n for n in self.by_first.get(text[i], ()) if text.startswith(n, i)), "")
            if name:
                if self.full_name[name] not in unions:
                    unions.append(self.full_name[name])
                masked.append("|")  # breaks the run so the rest is not suggested again
                i += len(name)
            else:
                masked.append(text[i])
                i += 1
        suggestions: list[str] = []
        for match in _UNION_CANDIDATE_RE.finditer("".join(masked)):
            name = self._trim_candidate(match.group())
            if name and name not in suggestions:
                suggestions.append(name)
        return unions, suggestions

    def _trim_candidate(self, candidate: str) -> str:
        suffix = re.search("(?:工会联合会|联合工会|总工会|工会)$", candidate).group()
        prefix = candidate[: -len(suffix)]
        cut = max(
            [prefix.rfind(w) + len(w) for w in _UNION_CUT_WORDS if w in prefix]
            + [prefix.rfind(ch) + 1 for ch in _UNION_CUT_CHARS if ch in prefix]
            + [0]
        )
        prefix = prefix[cut:]
        stripped = True
        while stripped:
            stripped = False
            for word in _UNION_LEADING_MODIFIERS:
                if prefix.startswith(word):
                    prefix, stripped = prefix[len(word) :], True
        specific = prefix
        for word in _UNION_GENERIC_WORDS:
            specific = specific.replace(word, "")
        if len(specific) < 2 or not prefix.endswith(_UNION_PREFIX_ENDS):
            return ""
        name = prefix + suffix
        # "怀柔区工会" next to the known "怀柔区总工会" is the same union, not a new one.
        if any(_union_norm(name) in known for known in self.known_norms):
            return ""
        return name
