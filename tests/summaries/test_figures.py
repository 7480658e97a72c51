"""The monthly summary's figures: the demo month counted by hand, and counting rules."""

import datetime
import types
from decimal import Decimal

import pytest

from articles.demo.loader import load_demo
from articles.models import ActivityKind, ArticleKind, ArticleStatus, GiftLine
from articles.summaries.figures import build_summary
from articles.summaries.lists import activity_rows, story_rows
from articles.summaries.periods import Period, SummaryError, parse_month, period_from_params
from articles.summaries.scope import Scope, resolve_union, scope_for
from tests.factories import (
    SHANGHAI,
    CreditRole,
    make_activity,
    make_article,
    make_print_page,
    make_topic,
    make_union,
)
from unions.models import UnionLevel

JANUARY = Period.month(2024, 1)
IN_JANUARY = datetime.datetime(2024, 1, 15, 9, 0, tzinfo=SHANGHAI)

# The seed page of 2024年1月23日 (第3版 工会新闻), counted by hand from the printed page and
# the demo's union tree. Stories: 怀柔 (基层建设; 怀柔区总工会, 中关村怀柔园, 龙山街道, 庙城镇),
# 昌平 (送温暖), 建工一建 (学习型组织 + 职工书屋 + 学习型企业; a city-level group, no
# district), 通州多源 (photo, 送温暖), 天桥 (送温暖), 平谷北小区 (亲子活动).
DEMO_JANUARY = {
    "stories": 6,
    # Corrections are not stories of the report: the table has no 更正 row.
    "by_kind": {"消息": 5, "图片报道": 1, "通讯/特写": 0, "简讯": 0},
    # 学习型组织 counts the 建工一建 story once although it is filed under three topics.
    "by_topic": {
        "送温暖": 3,
        "学习型组织": 1,
        "职工书屋": 1,
        "学习型企业": 1,
        "学习型班组": 0,
        "亲子活动": 1,
        "基层建设": 1,
        "维权": 0,
        "劳模工匠": 0,
        "未归入专题": 0,
    },
    # The 怀柔 story names a district, a street, a town and a park union: once for each level.
    "by_level": {
        "市总工会": 0,
        "区总工会": 2,  # 怀柔, 昌平
        "街道总工会": 2,  # 龙山 (怀柔 story), 天桥
        "乡镇总工会": 1,
        "园区工会联合会": 1,
        "企业工会": 1,  # 通州多源
        "分会": 1,  # 建工一建水电分公司
        "社区联合工会": 1,
    },
    # (stories, activities, unions holding activities); the 怀柔 story's four unions count once.
    "districts": {
        "怀柔区总工会": (1, 0, 0),
        "昌平区总工会": (1, 2, 1),
        "通州区总工会": (1, 1, 1),
        "西城区总工会": (1, 1, 1),
        "平谷区总工会": (1, 1, 1),
        "市属单位（不属于任何区）": (1, 1, 1),
    },
    "activities": 6,
    "unions_active": 5,
    "unions_reached": 4,  # 昌平: relief money to 4 grassroots unions
    "relief_unknown": 1,  # ... the amount was not printed
    "contributors": 6,  # 崔欣, 周美玉 (reporter and photographer), 边磊, 蔡洪玉, 陈曦, 马超
    "roles": {"记者": (5, 5), "通讯员": (1, 1), "摄影": (1, 1)},  # (stories, people)
    "gifts": {
        ("温暖礼包（含焖泡壶）", "份"): "1030份",
        ("图书", "册"): "70余册",
        ("米", ""): "未公布数量",
        ("面", ""): "未公布数量",
        ("油", ""): "未公布数量",
    },
}


def by_label(rows) -> dict:
    return {row.label: row.current for row in rows}


# --- the demo month ----------------------------------------------------------------------


@pytest.fixture
def demo_summary(db):
    load_demo()
    return build_summary(parse_month("2024-01"), Scope())


def test_the_demo_month_counts_six_stories_by_kind(demo_summary):
    assert demo_summary.story_totals["stories"] == [DEMO_JANUARY["stories"], 0, 0]
    assert by_label(demo_summary.by_kind) == DEMO_JANUARY["by_kind"]


def test_the_demo_month_counts_stories_per_topic_once(demo_summary):
    assert by_label(demo_summary.by_topic) == DEMO_JANUARY["by_topic"]
    sub_topics = {row.label for row in demo_summary.by_topic if row.indent}
    assert sub_topics == {"职工书屋", "学习型企业", "学习型班组"}


def test_the_demo_month_counts_stories_per_union_level_once(demo_summary):
    levels = {label: n for label, n in by_label(demo_summary.by_level).items() if n}
    assert levels == {k: v for k, v in DEMO_JANUARY["by_level"].items() if v}


def test_the_demo_month_rolls_up_per_district(demo_summary):
    found = {
        row.name: (row.stories[0], row.activities[0], row.unions_active)
        for row in demo_summary.districts
    }
    assert found == DEMO_JANUARY["districts"]
    active = [row for row in demo_summary.districts if row.is_district and row.is_active]
    assert len(active) == 5  # 怀柔 has a story but no activity


def test_the_demo_month_sums_the_activities(demo_summary):
    totals = demo_summary.activity_totals
    assert totals["activities"][0] == DEMO_JANUARY["activities"]
    assert totals["unions_active"][0] == DEMO_JANUARY["unions_active"]
    assert totals["unions_reached"][0] == DEMO_JANUARY["unions_reached"]
    assert totals["relief_unknown"][0] == DEMO_JANUARY["relief_unknown"]
    # No report printed an amount of money or a head count: unknown, not zero.
    assert totals["relief_money"][0] is None
    assert totals["participants"][0] is None
    assert totals["beneficiaries"][0] is None


def test_the_demo_month_sums_gift_lines_by_item(demo_summary):
    gifts = {(g.item, g.unit): g.quantity_text for g in demo_summary.gifts}
    assert gifts == DEMO_JANUARY["gifts"]
    packs = demo_summary.gifts[0]
    assert (packs.item, packs.quantity, packs.is_minimum) == ("温暖礼包（含焖泡壶）", 1030, False)
    books = demo_summary.gifts[1]
    assert (books.quantity, books.is_minimum) == (70, True)


def test_the_demo_month_counts_contributors_by_role(demo_summary):
    assert demo_summary.story_totals["contributors"][0] == DEMO_JANUARY["contributors"]
    roles = {row.label: (row.current, row.people) for row in demo_summary.roles if row.current}
    assert roles == DEMO_JANUARY["roles"]
    zhou = sorted(c.role for c in demo_summary.contributors if c.name == "周美玉")
    assert zhou == ["摄影", "记者"]


def test_the_demo_month_has_nothing_to_compare_with(demo_summary):
    labels = [name for name, _ in demo_summary.columns]
    assert labels == ["本期", "上月", "去年同月"]
    headline = {row.key: row.values for row in demo_summary.headline}
    assert headline["stories"] == [6, 0, 0]
    assert headline["printed"] == [6, 0, 0]  # the seed page: every story was printed
    assert headline["districts"] == [5, 0, 0]
    assert [(p.label, p.stories) for p in demo_summary.trend][-2:] == [
        ("12月", 0),
        ("1月", 6),
    ]


def test_a_district_scope_takes_in_everything_below_it(db):
    load_demo()
    xicheng = build_summary(JANUARY, scope_for("西城区总工会"))
    assert xicheng.story_totals["stories"][0] == 1
    assert [(g.item, g.quantity) for g in xicheng.gifts] == [("温暖礼包（含焖泡壶）", 1030)]
    assert [row.name for row in xicheng.districts] == ["西城区总工会"]
    huairou = build_summary(JANUARY, scope_for("怀柔区总工会"))
    assert huairou.story_totals["stories"][0] == 1
    assert huairou.activity_totals["activities"][0] == 0
    assert by_label(huairou.by_topic)["基层建设"] == 1
    assert by_label(huairou.by_topic)["送温暖"] == 0


def test_the_city_federation_as_scope_is_the_whole_city(db):
    load_demo()
    assert scope_for("北京市总工会").is_city
    assert scope_for("").is_city


# --- counting rules, with factories ------------------------------------------------------


@pytest.fixture
def tree(db):
    city = make_union("市总工会", level=UnionLevel.CITY)
    west = make_union("西城区总工会", level=UnionLevel.DISTRICT, parent=city)
    east = make_union("东城区总工会", level=UnionLevel.DISTRICT, parent=city)
    street = make_union("天桥街道总工会", level=UnionLevel.STREET, parent=west)
    other_street = make_union("德胜街道总工会", level=UnionLevel.STREET, parent=west)
    firm = make_union("天桥某公司工会", level=UnionLevel.ENTERPRISE, parent=street)
    return types.SimpleNamespace(
        city=city, west=west, east=east, street=street, other_street=other_street, firm=firm
    )


def test_a_story_about_several_unions_of_a_district_counts_once(tree):
    make_article(published_at=IN_JANUARY, unions=[tree.west, tree.street, tree.firm])
    make_article(published_at=IN_JANUARY, unions=[tree.street, tree.other_street])
    summary = build_summary(JANUARY, Scope())
    districts = {row.name: row.stories[0] for row in summary.districts}
    assert districts["西城区总工会"] == 2
    assert districts["东城区总工会"] == 0
    assert summary.story_totals["stories"][0] == 2
    assert by_label(summary.by_level)["街道总工会"] == 2  # not 3


def test_a_story_about_two_districts_counts_for_each_and_once_for_the_city(tree):
    make_article(published_at=IN_JANUARY, unions=[tree.street, tree.east])
    summary = build_summary(JANUARY, Scope())
    districts = {row.name: row.stories[0] for row in summary.districts}
    assert (districts["西城区总工会"], districts["东城区总工会"]) == (1, 1)
    assert summary.story_totals["stories"][0] == 1


def test_a_story_with_no_union_counts_for_the_city_only(tree):
    make_article(published_at=IN_JANUARY)
    summary = build_summary(JANUARY, Scope())
    assert summary.story_totals["stories"][0] == 1
    assert [(row.name, row.stories[0]) for row in summary.districts if row.is_unassigned] == [
        ("未标注工会的稿件", 1)
    ]
    assert build_summary(JANUARY, Scope(tree.west)).is_empty


def test_a_sub_topic_story_counts_once_for_its_parent(db):
    learning = make_topic("学习型组织")
    library = make_topic("职工书屋", parent=learning)
    teams = make_topic("学习型班组", parent=learning)
    make_article(published_at=IN_JANUARY, topics=[learning, library, teams])
    make_article(published_at=IN_JANUARY, topics=[library])
    topics = by_label(build_summary(JANUARY, Scope()).by_topic)
    assert topics == {"学习型组织": 2, "职工书屋": 2, "学习型班组": 1, "未归入专题": 0}


def test_only_published_stories_count(tree):
    make_article(published_at=IN_JANUARY, unions=[tree.street])
    make_article(status=ArticleStatus.DRAFT, published_at=IN_JANUARY, unions=[tree.street])
    make_article(status=ArticleStatus.REVIEW, unions=[tree.street])
    summary = build_summary(JANUARY, Scope())
    assert summary.story_totals["stories"][0] == 1
    assert len(list(story_rows(JANUARY, Scope()))) == 1


def test_a_scheduled_story_does_not_count_before_it_is_public(tree, settings):
    now = datetime.datetime.now(tz=SHANGHAI)
    make_article(published_at=now + datetime.timedelta(hours=2), unions=[tree.street])
    this_month = Period.month(now.year, now.month)
    assert build_summary(this_month, Scope()).story_totals["stories"][0] == 0


def test_a_story_counts_in_the_month_of_its_beijing_publication_date(db):
    # 1 February 06:00 in Beijing is still 31 January in UTC.
    make_article(published_at=datetime.datetime(2024, 2, 1, 6, 0, tzinfo=SHANGHAI))
    make_article(published_at=datetime.datetime(2024, 1, 31, 23, 59, tzinfo=SHANGHAI))
    assert build_summary(JANUARY, Scope()).story_totals["stories"] == [1, 0, 0]
    february = build_summary(Period.month(2024, 2), Scope())
    assert february.story_totals["stories"] == [1, 1, 0]


def test_only_activities_told_in_a_published_story_count(tree):
    told = make_article(published_at=IN_JANUARY)
    draft = make_article(status=ArticleStatus.DRAFT)
    reported = make_activity(union=tree.street, beneficiaries=200, start_date=IN_JANUARY.date())
    reported.articles.add(told)
    in_draft = make_activity(union=tree.street, beneficiaries=99, start_date=IN_JANUARY.date())
    in_draft.articles.add(draft)
    make_activity(union=tree.street, beneficiaries=50, start_date=IN_JANUARY.date())
    totals = build_summary(JANUARY, Scope()).activity_totals
    assert (totals["activities"][0], totals["beneficiaries"][0]) == (1, 200)


def activity(union, day, article=None, **figures):
    created = make_activity(union=union, start_date=day, **figures)
    created.articles.add(article or make_article(published_at=IN_JANUARY))
    return created


def test_activities_roll_up_to_their_district_and_the_city(tree):
    day = datetime.date(2024, 1, 10)
    activity(tree.firm, day, participants=30, beneficiaries=300, relief_money=Decimal("5000.50"))
    activity(tree.street, day, beneficiaries=100, relief_money=Decimal("1000"))
    activity(tree.east, day, kind=ActivityKind.RELIEF_MONEY, unions_reached=4)
    summary = build_summary(JANUARY, Scope())
    west = next(row for row in summary.districts if row.name == "西城区总工会")
    assert (west.activities[0], west.unions_active, west.beneficiaries) == (2, 2, 400)
    assert west.relief_money == Decimal("6000.50")
    totals = summary.activity_totals
    assert totals["relief_money"][0] == Decimal("6000.50")
    assert totals["unions_active"][0] == 3
    assert totals["relief_unknown"][0] == 1
    assert totals["participants"][0] == 30


def test_gift_lines_are_summed_per_item_and_unit(tree):
    day = datetime.date(2024, 1, 10)
    for quantity, minimum in ((1030, False), (200, True)):
        GiftLine.objects.create(
            activity=activity(tree.street, day),
            item="温暖礼包",
            unit="份",
            quantity=quantity,
            quantity_is_minimum=minimum,
            value=Decimal("100.00"),
        )
    GiftLine.objects.create(activity=activity(tree.firm, day), item="温暖礼包", unit="箱")
    gifts = build_summary(JANUARY, Scope()).gifts
    assert [(g.item, g.unit, g.quantity, g.quantity_text, g.value) for g in gifts] == [
        ("温暖礼包", "份", 1230, "1230余份", Decimal("200.00")),
        ("温暖礼包", "箱", None, "未公布数量", None),
    ]


def test_previous_month_and_last_year_are_beside_this_month(tree):
    for published_at in (
        datetime.datetime(2024, 1, 5, 8, tzinfo=SHANGHAI),
        datetime.datetime(2024, 1, 6, 8, tzinfo=SHANGHAI),
        datetime.datetime(2023, 12, 31, 8, tzinfo=SHANGHAI),
        datetime.datetime(2023, 1, 20, 8, tzinfo=SHANGHAI),
        datetime.datetime(2023, 1, 21, 8, tzinfo=SHANGHAI),
        datetime.datetime(2023, 1, 22, 8, tzinfo=SHANGHAI),
    ):
        story = make_article(published_at=published_at, unions=[tree.street], kind=ArticleKind.NEWS)
    activity(tree.street, datetime.date(2023, 12, 1), article=story)
    summary = build_summary(JANUARY, Scope())
    assert summary.story_totals["stories"] == [2, 1, 3]
    assert summary.activity_totals["activities"] == [0, 1, 0]
    west = next(row for row in summary.districts if row.name == "西城区总工会")
    assert west.stories == [2, 1, 3]
    assert by_label(summary.by_level)["街道总工会"] == 2
    assert summary.by_kind[0].values == [2, 1, 3]


def test_a_union_scope_lists_only_its_own_unions(tree):
    make_article(published_at=IN_JANUARY, unions=[tree.firm, tree.east])
    summary = build_summary(JANUARY, Scope(tree.street))
    assert summary.story_totals["stories"][0] == 1
    levels = {label: n for label, n in by_label(summary.by_level).items() if n}
    assert levels == {"企业工会": 1}  # the 东城 district is outside the scope
    assert [row.name for row in summary.districts] == ["西城区总工会"]


@pytest.fixture
def printed_web_and_corrections(tree):
    """In January: a printed story, a web-only one (本网讯) and three corrections."""
    page = make_print_page(datetime.date(2024, 1, 15), 3)
    printed = make_article(
        published_at=IN_JANUARY,
        print_page=page,
        print_order=1,
        unions=[tree.street],
        credits=[(CreditRole.REPORTER, "陈曦")],
    )
    make_article(published_at=IN_JANUARY, unions=[tree.street], dateline="本网讯")
    # Printed on the page and credited, with the kind and the link; and each mark alone.
    make_article(
        published_at=IN_JANUARY,
        kind=ArticleKind.CORRECTION,
        corrects=printed,
        print_page=page,
        print_order=2,
        unions=[tree.street],
        credits=[(CreditRole.REPORTER, "马超")],
    )
    make_article(published_at=IN_JANUARY, kind=ArticleKind.CORRECTION, print_page=page)
    make_article(published_at=IN_JANUARY, corrects=printed, print_page=page, print_order=3)
    return tree


def test_jianbao_counts_printed_stories_and_no_correction(printed_web_and_corrections):
    summary = build_summary(JANUARY, Scope())

    headline = {row.label: row.current for row in summary.headline}
    assert headline["见报稿件（篇）"] == 1
    assert headline["网站发布稿件（篇）"] == 2  # the printed one and the web-only one
    assert summary.story_totals["printed"] == [1, 0, 0]
    assert summary.story_totals["stories"] == [2, 0, 0]
    assert [(p.label, p.stories, p.printed) for p in summary.trend][-1] == ("1月", 2, 1)


def test_corrections_count_for_no_table(printed_web_and_corrections):
    summary = build_summary(JANUARY, Scope())

    assert by_label(summary.by_kind) == {"消息": 2, "图片报道": 0, "通讯/特写": 0, "简讯": 0}
    assert by_label(summary.by_level)["街道总工会"] == 2
    assert [row.stories[0] for row in summary.districts if row.name == "西城区总工会"] == [2]
    assert [(c.name, c.stories) for c in summary.contributors] == [("陈曦", 1)]
    pages = [row.page for row in story_rows(JANUARY, Scope())]
    assert pages == ["2024年1月15日 第3版 工会新闻", "仅网站刊发"]


def test_a_month_of_web_only_stories_is_not_empty_and_has_nothing_jianbao(db):
    make_article(published_at=IN_JANUARY)
    summary = build_summary(JANUARY, Scope())
    assert not summary.is_empty
    headline = {row.key: row.current for row in summary.headline}
    assert (headline["printed"], headline["stories"]) == (0, 1)


def test_contributors_are_counted_per_role(db):
    make_article(
        published_at=IN_JANUARY,
        credits=[(CreditRole.REPORTER, "边磊"), (CreditRole.CORRESPONDENT, "蔡洪玉")],
    )
    make_article(
        published_at=IN_JANUARY,
        credits=[(CreditRole.REPORTER, "边磊"), (CreditRole.REPORTER, "崔欣")],
    )
    summary = build_summary(JANUARY, Scope())
    roles = {row.label: (row.current, row.people) for row in summary.roles if row.current}
    assert roles == {"记者": (2, 2), "通讯员": (1, 1)}
    top = summary.contributors[0]
    assert (top.name, top.role, top.stories) == ("边磊", "记者", 2)


# --- the lists ---------------------------------------------------------------------------


def test_the_lists_are_iterators_and_leave_the_internal_note_out(tree):
    told = make_article(published_at=IN_JANUARY, unions=[tree.street])
    created = make_activity(
        union=tree.street, start_date=datetime.date(2024, 1, 9), internal_note="不要外传"
    )
    created.articles.add(told)
    stories = story_rows(JANUARY, Scope())
    assert iter(stories) is stories
    row = next(stories)
    assert row.url.startswith("http://127.0.0.1:8000/articles/")
    assert (row.districts, row.page) == ("西城区总工会", "仅网站刊发")
    activities = list(activity_rows(JANUARY, Scope()))
    assert len(activities) == 1
    assert "不要外传" not in repr(activities[0])


def test_the_story_link_uses_the_site_url(db, settings):
    settings.SITE_URL = "https://news.example.cn"
    article = make_article(published_at=IN_JANUARY)
    [row] = story_rows(JANUARY, Scope())
    assert row.url == f"https://news.example.cn{article.get_absolute_url()}"


# --- periods and names -------------------------------------------------------------------


def test_a_month_knows_its_neighbours():
    period = parse_month("2024-01")
    assert (period.start, period.end) == (datetime.date(2024, 1, 1), datetime.date(2024, 1, 31))
    assert period.previous() == Period.month(2023, 12)
    assert period.last_year() == Period.month(2023, 1)
    assert period.label == "2024年1月"
    assert Period.month(2024, 2).end == datetime.date(2024, 2, 29)


def test_a_season_runs_from_december_to_february():
    season = period_from_params(season="2023", current_day=datetime.date(2024, 3, 1))
    assert (season.start, season.end) == (datetime.date(2023, 12, 1), datetime.date(2024, 2, 29))
    assert season.label == "2023—2024年度送温暖季"
    assert [name for name, _ in season.comparisons()] == ["上一季"]
    assert season.previous() == Period.season(2022)


def test_a_date_range_compares_with_as_many_days_before_and_last_year():
    period = period_from_params(
        start="2024-02-20", end="2024-02-29", current_day=datetime.date(2024, 3, 1)
    )
    assert period.previous() == Period(datetime.date(2024, 2, 10), datetime.date(2024, 2, 19))
    assert period.last_year() == Period(datetime.date(2023, 2, 20), datetime.date(2023, 2, 28))
    assert period.label == "2024年2月20日至2024年2月29日"


def test_period_bounds_are_beijing_days():
    start, end = JANUARY.bounds()
    assert start == datetime.datetime(2024, 1, 1, tzinfo=SHANGHAI)
    assert end == datetime.datetime(2024, 2, 1, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"month": "2024-13"}, "不是有效的月份"),
        ({"month": "2024/01"}, "格式不对"),
        ({"month": "0000-01"}, "年份超出范围"),
        ({"month": "2099-01"}, "还没有开始"),
        ({"start": "2024-02-01", "end": "2024-01-01"}, "结束日期不能早于开始日期"),
        ({"start": "2024-02-01"}, "都要填写"),
        ({"start": "2024-02-30", "end": "2024-03-01"}, "不是有效的日期"),
        ({"season": "23"}, "起始年份"),
        ({"month": "2024-01", "season": "2023"}, "只选择一种时段"),
        ({}, "请选择统计时段"),
    ],
)
def test_bad_periods_are_refused_with_a_message(params, message):
    with pytest.raises(SummaryError, match=message):
        period_from_params(**params, current_day=datetime.date(2026, 1, 1))


def test_the_current_month_may_be_summarised_so_far():
    period = period_from_params(month="2026-01", current_day=datetime.date(2026, 1, 15))
    assert period == Period.month(2026, 1)


def test_unions_are_found_by_any_of_their_names(tree):
    tree.street.short_name = "天桥工会"
    tree.street.aliases = "天桥街道工会\n西城天桥工会"
    tree.street.save()
    assert resolve_union("天桥街道总工会") == tree.street
    assert resolve_union("天桥工会") == tree.street
    assert resolve_union("西城天桥工会") == tree.street
    assert resolve_union(str(tree.street.pk)) == tree.street
    with pytest.raises(SummaryError, match="找不到名为“东直门”的工会"):
        resolve_union("东直门")
    with pytest.raises(SummaryError, match="没有编号"):
        resolve_union("999999")


def test_a_part_of_a_name_finds_the_one_union_it_points_to(db):
    load_demo()
    # 西城 is also in the name of 西城区天桥街道总工会, which lies under the district.
    assert resolve_union("西城").name == "西城区总工会"
    assert resolve_union("平谷").name == "平谷区总工会"
    assert resolve_union("滨河街道").name == "平谷区滨河街道总工会"
    assert resolve_union("多源").name == "通州多源公司工会"  # in its name and short name
    assert resolve_union("怀柔园").name == "中关村科技园区怀柔园管理委员会工会联合会"
    assert scope_for("西城").union.name == "西城区总工会"


def test_a_part_of_several_unrelated_names_lists_them(db):
    load_demo()
    with pytest.raises(SummaryError) as refused:
        resolve_union("街道")
    message = str(refused.value)
    assert message.startswith("“街道”可以指多个工会：")
    assert "龙山街道总工会" in message and "西城区天桥街道总工会" in message
    assert message.endswith("请填写全称或简称。")
    # Every union lies under the city federation, but none of its names starts with
    # 总工会: a word all the names share points to no one.
    with pytest.raises(SummaryError, match="可以指多个工会"):
        resolve_union("总工会")


def test_a_part_of_too_many_names_asks_for_more(db):
    for n in range(51):
        make_union(f"测试{n:02d}公司工会")
    with pytest.raises(SummaryError) as refused:
        resolve_union("公司")
    message = str(refused.value)
    assert "50个以上工会" in message and "测试00公司工会" in message
    assert message.count("、") == 7  # eight names, not fifty


def test_a_short_name_shared_by_two_unions_asks_for_the_full_name(tree):
    for union in (tree.street, tree.other_street):
        union.short_name = "街道工会"
        union.save()
    with pytest.raises(SummaryError, match="多个工会"):
        resolve_union("街道工会")
