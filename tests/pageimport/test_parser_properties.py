"""Property tests for the page parser: it never crashes and never loses or invents text."""

import re
from collections import Counter

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articles.demo.loader import SEED_PAGE
from articles.pageimport.parser import KINDS, ROLES, PageParseError, ParsedPage, parse_page

# Hundreds of generated pages per property.
pytestmark = pytest.mark.slow

UNION_NAMES = {"怀柔区总工会": "怀柔区总工会", "天桥街道总工会": "西城区天桥街道总工会"}


# The example count and deadline; whether the search is random (locally) or derandomized
# (CI, profile "ci" in tests/conftest.py) is the profile's business.
PROPERTY_SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def visible_chars(fragments) -> Counter:
    return Counter(ch for fragment in fragments for ch in fragment if not ch.isspace())


def parse_or_none(text: str, **kwargs) -> ParsedPage | None:
    try:
        return parse_page(text, **kwargs)
    except PageParseError as exc:
        assert str(exc), "a PageParseError must explain itself"
        return None


def assert_well_formed(page: ParsedPage) -> None:
    assert page.articles
    for article in page.articles:
        assert article.kind in KINDS
        assert all(credit.role in ROLES for credit in article.credits)
        # Names and labels come out of the printed credit text, never from nowhere (one
        # printed label may serve several names: "记者 张三 李四").
        printed = "".join("".join(article.credit_text).split())
        assert not visible_chars(c.name for c in article.credits) - visible_chars([printed])
        assert all(credit.label in printed for credit in article.credits)
    page.to_json_dict()


def assert_conserves_text(text: str, page: ParsedPage) -> None:
    assert visible_chars([text]) == visible_chars(page.consumed_text())


# Page pieces in the shapes the e-paper dump uses.
cjk = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
# Realistic names: arbitrary characters could spell a role word ("编辑") instead of a name.
name = st.builds(
    lambda surname, given: surname + given,
    st.sampled_from("王李张刘陈杨黄赵周吴徐孙马胡朱郭何罗高林崔边蔡"),
    st.text(st.sampled_from("伟芳娜敏静磊洋勇艳杰涛明超霞平刚欣曦玉洪"), min_size=1, max_size=2),
)
phrase = st.text(cjk, min_size=2, max_size=12)
clause = st.lists(phrase, min_size=1, max_size=4).map("，".join)
sentence = st.builds(lambda c, end: c + end, clause, st.sampled_from(["。", "！", "？", "。”"]))
# A paragraph of body text never opens with a dateline word: "本报讯…" at the start of a line
# is how a report begins, which the generated report count would not expect.
paragraph = (
    st.lists(sentence, min_size=1, max_size=4)
    .map("".join)
    .filter(lambda p: not p.startswith(("本报", "本网", "本刊")))
)
headline = st.text(cjk, min_size=4, max_size=24).filter(lambda h: not h.startswith("本"))
role = st.sampled_from(["记者", "通讯员", "见习记者", "特约记者", "实习生", ""])
credit_pair = st.builds(lambda r, n: f"{r} {n}".strip(), role, name)
bracket = st.sampled_from([("（", "）"), ("(", ")")])
dateline = st.builds(
    lambda word, pairs, br: f"{word}{br[0]}{' '.join(pairs)}{br[1]}",
    st.sampled_from(["本报讯", "本报1月5日讯", "本网讯"]),
    st.lists(credit_pair, min_size=1, max_size=3),
    bracket,
)
photo_credit = st.builds(
    lambda label, n, suffix: f"{label} {n} {suffix}".strip(),
    st.sampled_from(["本报记者", "通讯员", ""]),
    name,
    st.sampled_from(["摄", "摄影报道"]),
)
chrome = st.sampled_from(["第03版：工会", "上一版 下一版", "版面导航", "2024年1月23日 星期二"])


# Two column breaks are at least a print column apart; a whole column is far longer than this.
COLUMN_WIDTH = 60


def break_columns(text: str, cuts: list[int]) -> list[str]:
    """Break a paragraph where a print column might: anywhere, even mid-word."""
    points: list[int] = []
    for cut in sorted({c % len(text) for c in cuts if c % len(text) > 0}):
        if not points or cut - points[-1] >= COLUMN_WIDTH:
            points.append(cut)
    return [text[a:b] for a, b in zip([0, *points], [*points, len(text)], strict=True)]


@st.composite
def news_report(draw) -> list[str]:
    lines = [draw(headline) for _ in range(draw(st.integers(1, 3)))]
    paragraphs = draw(st.lists(paragraph, min_size=1, max_size=4))
    first = draw(dateline) + paragraphs[0]
    for body in [first, *paragraphs[1:]]:
        lines += break_columns(body, draw(st.lists(st.integers(1, 400), max_size=2)))
    return lines


@st.composite
def photo_report(draw) -> list[str]:
    caption = draw(paragraph)
    credit = draw(photo_credit)
    if draw(st.booleans()):
        return [draw(headline), caption + credit]
    return [draw(headline), caption, credit]


@st.composite
def page_and_report_count(draw) -> tuple[str, int]:
    lines = draw(st.lists(chrome, max_size=2))
    if draw(st.booleans()):
        lines.append("深入学习贯彻党的二十大精神 奋力开拓首都工会工作新局面")
    reports = draw(st.integers(1, 4))
    for _ in range(reports):
        lines += draw(st.one_of(news_report(), photo_report()))
    lines += draw(st.lists(chrome, max_size=2))
    separator = draw(st.sampled_from(["\n", "\n\n", "\n\n\n"]))
    return separator.join(lines), reports


page_text = page_and_report_count().map(lambda pair: pair[0])


@PROPERTY_SETTINGS
@given(st.text(max_size=400))
def test_it_never_crashes_on_arbitrary_text(text):
    page = parse_or_none(text, union_names=UNION_NAMES)
    if page is not None:
        assert_well_formed(page)
        assert_conserves_text(text, page)


@PROPERTY_SETTINGS
@given(
    st.lists(
        st.one_of(
            st.text(cjk, max_size=30),
            st.sampled_from(
                [
                    "本报讯（记者 崔欣）",
                    "本报讯",
                    "（张恩刚）",
                    "本报记者 周美玉 摄影报道",
                    "。",
                    "”",
                    "——",
                    "寒冬送暖 工会行动",
                    "新华社发",
                    "文/图 张三",
                    "（12月6日摄）",
                    "上一版",
                    " ",
                    "\n",
                    "\n\n",
                ]
            ),
        ),
        max_size=30,
    ).map("".join)
)
def test_it_never_crashes_on_page_like_noise(text):
    page = parse_or_none(text, column_names=["寒冬送暖 工会行动"])
    if page is not None:
        assert_well_formed(page)
        assert_conserves_text(text, page)


@PROPERTY_SETTINGS
@given(page_text)
def test_it_conserves_every_character_of_generated_pages(text):
    page = parse_page(text, union_names=UNION_NAMES)
    assert_well_formed(page)
    assert_conserves_text(text, page)


@PROPERTY_SETTINGS
@given(page_and_report_count())
# Found by Hypothesis: a paragraph "本报讯。" after a closed one was read as the dateline of
# a second report; a closing quote alone on a line hid the photo report after it.
# Found by Hypothesis: a line ending in "！", or a piece of a sentence with a comma, alone
# after a closed paragraph was read as the title of a report without a dateline.
@example(("一一一一\n本报讯（记者 王伟）一一。\n一一，一一一一一一一一！\n一一。", 1))
@example(("一一一一\n本报讯（记者 王伟）一一。\n一一。\n一一一一，一一一一一一一\n一一，一一。", 1))
@example(("一一一一\n本报讯（记者 王伟）一一。\n本报讯。", 1))
@example(
    (
        "一一一一\n本报讯（记者 王伟）一一。\n一一。\n一\n一。\n一一。\n”\n"
        "一一一一\n一一。\n本报记者 王伟 摄",
        2,
    )
)
def test_it_finds_every_report_of_generated_pages(page_and_count):
    text, reports = page_and_count
    page = parse_page(text)
    assert len(page.articles) == reports
    # Generated column breaks may fall inside a dateline: count them in the unbroken text.
    expected = len(re.findall("(?:本报讯|本报1月5日讯|本网讯)[（(]", text.replace("\n", "")))
    assert sum(bool(a.dateline) for a in page.articles) == expected


@PROPERTY_SETTINGS
@given(st.lists(st.integers(0, 2000), max_size=6))
def test_it_conserves_the_seed_page_under_extra_line_breaks(cuts):
    text = SEED_PAGE.read_text(encoding="utf-8")
    for cut in sorted(set(cuts), reverse=True):
        text = text[:cut] + "\n" + text[cut:]
    page = parse_page(text, union_names=UNION_NAMES)
    assert_well_formed(page)
    assert_conserves_text(text, page)
