"""Demo content: the real printed page of 2024-01-23, page 3 (工会新闻), with its unions,
topics, column straps and the figures its reports give.

The reports themselves come from the page dump through the importer, exactly as an
editor would bring them in; what a dump cannot say (the union tree above the names in
the copy, the activities and their figures) is written out here.
"""

import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import transaction

from articles.models import (
    Activity,
    ActivityKind,
    Article,
    ArticleStatus,
    Column,
    GiftLine,
    PageFile,
    PrintPage,
    Topic,
)
from articles.pageimport.services import attach_pdf, parse_dump, save_page
from unions.models import Facility, FacilityKind, Official, Union, UnionLevel
from unions.services import save_union

SEED_PAGE = Path(__file__).resolve().parent / "seed" / "000_d4ee9057b028e5d6.txt"
# The same page as a PDF, as the layout system would export it: typeset from the dump's
# reports by the tests' typesetter (tests/epaper/typeset.py, layout "lead_across_top");
# its pictures are drawn, like the demo's photos.
SEED_PDF = SEED_PAGE.with_suffix(".pdf")
EDITION_DATE = datetime.date(2024, 1, 23)
PAGE_NUMBER = 3
PAGE_NAME = "工会新闻"
PUBLISHED_AT = datetime.datetime(2024, 1, 23, 6, 0, tzinfo=ZoneInfo("Asia/Shanghai"))

# (full name, short name, aliases, level, parent full name)
UNIONS = [
    ("北京市总工会", "市总工会", [], UnionLevel.CITY, None),
    ("怀柔区总工会", "", [], UnionLevel.DISTRICT, "北京市总工会"),
    (
        "中关村科技园区怀柔园管理委员会工会联合会",
        "中关村怀柔园工会",
        ["怀柔园工会联合会"],
        UnionLevel.PARK,
        "怀柔区总工会",
    ),
    ("龙山街道总工会", "", ["怀柔区龙山街道总工会"], UnionLevel.STREET, "怀柔区总工会"),
    ("庙城镇总工会", "", ["怀柔区庙城镇总工会"], UnionLevel.TOWN, "怀柔区总工会"),
    ("昌平区总工会", "", [], UnionLevel.DISTRICT, "北京市总工会"),
    ("通州区总工会", "", [], UnionLevel.DISTRICT, "北京市总工会"),
    ("通州多源公司工会", "多源公司工会", [], UnionLevel.ENTERPRISE, "通州区总工会"),
    ("西城区总工会", "", [], UnionLevel.DISTRICT, "北京市总工会"),
    (
        "西城区天桥街道总工会",
        "天桥街道总工会",
        ["天桥街道工会"],
        UnionLevel.STREET,
        "西城区总工会",
    ),
    ("平谷区总工会", "", [], UnionLevel.DISTRICT, "北京市总工会"),
    ("平谷区滨河街道总工会", "滨河街道总工会", [], UnionLevel.STREET, "平谷区总工会"),
    (
        "平谷区滨河街道北小区社区联合工会",
        "北小区社区联合工会",
        ["滨河街道北小区社区联合工会", "滨河街道北小区社区工会", "平谷滨河街道北小区社区工会"],
        UnionLevel.COMMUNITY,
        "平谷区滨河街道总工会",
    ),
    # A city-level construction group: its unions sit directly under the city federation.
    ("北京建工集团工会", "建工集团工会", [], UnionLevel.ENTERPRISE, "北京市总工会"),
    (
        "北京建工一建水电分公司工会",
        "建工一建水电分公司工会",
        ["建工一建工会"],
        UnionLevel.BRANCH,
        "北京建工集团工会",
    ),
]

OFFICIALS = [
    ("怀柔区总工会", "樊晓娟", "党组书记、工会主席"),
    ("中关村科技园区怀柔园管理委员会工会联合会", "杨艳", "副主席"),
    ("昌平区总工会", "刘长永", "主席（区人大常委会党组副书记、副主任）"),
]

FACILITIES = [
    ("西城区天桥街道总工会", FacilityKind.SERVICE_STATION, "天桥街道工会服务站"),
    ("北京建工一建水电分公司工会", FacilityKind.LIBRARY, "北京建工一建水电分公司职工书屋"),
]

# (name, slug, parent slug, featured, intro)
TOPICS = [
    (
        "送温暖",
        "song-wen-nuan",
        None,
        True,
        "元旦春节“两节”前后，各级工会走访慰问一线职工和困难职工，送去慰问金和慰问品。",
    ),
    (
        "学习型组织",
        "xue-xi-xing-zu-zhi",
        None,
        True,
        "职工书屋、学习型企业和学习型班组：读书学习、技能提升的工会阵地。",
    ),
    ("职工书屋", "zhi-gong-shu-wu", "xue-xi-xing-zu-zhi", False, ""),
    ("学习型企业", "xue-xi-xing-qi-ye", "xue-xi-xing-zu-zhi", False, ""),
    ("学习型班组", "xue-xi-xing-ban-zu", "xue-xi-xing-zu-zhi", False, ""),
    ("亲子活动", "qin-zi-huo-dong", None, False, ""),
    ("基层建设", "ji-ceng-jian-she", None, False, ""),
    ("维权", "wei-quan", None, False, ""),
    ("劳模工匠", "lao-mo-gong-jiang", None, False, ""),
]

COLUMNS = ["贯彻落实工会十八大精神", "寒冬送暖 工会行动"]

# The reports say 近日 ("recently"); the day before the edition is the best the copy gives.
REPORTED_DAY = datetime.date(2024, 1, 22)
DATE_NOTE = "稿件称“近日”，日期按见报前一日记录。"

# (title, union, kind, article title, figures, gift lines (item, quantity, approx, unit))
ACTIVITIES = [
    (
        "昌平区总工会“两节”送温暖走访慰问一线职工",
        "昌平区总工会",
        ActivityKind.WARMTH_VISIT,
        "昌平区总工会启动“两节”送温暖活动",
        {"place": "昌平区市场监督管理局、区直机关工委、北京市公安局昌平分局、延寿镇"},
        [],
    ),
    (
        "昌平区总工会向基层工会送去慰问金",
        "昌平区总工会",
        ActivityKind.RELIEF_MONEY,
        "昌平区总工会启动“两节”送温暖活动",
        # The amount was not printed: relief_money stays empty rather than 0.
        {"unions_reached": 4},
        [],
    ),
    (
        "建工一建水电分公司工会“好书荐读”充实职工书屋",
        "北京建工一建水电分公司工会",
        ActivityKind.LIBRARY,
        "建工一建工会以职工书屋为平台打造学习型企业",
        {"place": "北京建工一建水电分公司职工书屋"},
        [("图书", 70, True, "册")],
    ),
    (
        "通州多源公司工会春节前走访慰问一线职工",
        "通州多源公司工会",
        ActivityKind.WARMTH_VISIT,
        "“娘家人”送来暖心慰问",
        {"place": "职工家中"},
        [("米", None, False, ""), ("面", None, False, ""), ("油", None, False, "")],
    ),
    (
        "天桥街道总工会“两节”送温暖发放“温暖礼包”",
        "西城区天桥街道总工会",
        ActivityKind.GIFTS,
        "西城区天桥街道总工会为职工送出“温暖礼包”",
        {"place": "天桥街道工会服务站"},
        [("温暖礼包（含焖泡壶）", 1030, False, "份")],
    ),
    (
        "北小区社区联合工会“巧手剪窗花 共话幸福年”亲子剪纸活动",
        "平谷区滨河街道北小区社区联合工会",
        ActivityKind.PARENT_CHILD,
        "平谷滨河街道北小区社区工会开展亲子活动",
        {},
        [],
    ),
]


@transaction.atomic
def load_demo() -> dict[str, int]:
    """Load the demo page; running it again changes nothing and creates nothing."""
    unions = _load_unions()
    _load_topics()
    for name in COLUMNS:
        Column.objects.get_or_create(name=name)
    articles = _load_page()
    _load_activities(unions, articles)
    return {
        "unions": Union.objects.count(),
        "articles": len(articles),
        "activities": Activity.objects.count(),
    }


def _load_unions() -> dict[str, Union]:
    unions: dict[str, Union] = {}
    for name, short_name, aliases, level, parent_name in UNIONS:
        union = Union.objects.filter(name=name).first() or Union(name=name)
        union.short_name = short_name
        union.aliases = "\n".join(aliases)
        union.level = level
        union.parent = unions[parent_name] if parent_name else None
        unions[name] = save_union(union=union)
    for union_name, person, post in OFFICIALS:
        Official.objects.get_or_create(union=unions[union_name], name=person, post=post)
    for union_name, kind, facility_name in FACILITIES:
        Facility.objects.get_or_create(union=unions[union_name], name=facility_name, kind=kind)
    return unions


def _load_topics() -> None:
    for order, (name, slug, parent_slug, featured, intro) in enumerate(TOPICS):
        Topic.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "parent": Topic.objects.get(slug=parent_slug) if parent_slug else None,
                "is_featured": featured,
                "intro": intro,
                "order": order,
            },
        )


def _load_page() -> dict[str, Article]:
    page = PrintPage.objects.filter(edition_date=EDITION_DATE, number=PAGE_NUMBER).first()
    if page is None or not page.articles.exists():
        raw_text = SEED_PAGE.read_text(encoding="utf-8")
        save_page(
            parsed=parse_dump(raw_text),
            raw_text=raw_text,
            edition_date=EDITION_DATE,
            page_number=PAGE_NUMBER,
            page_name=PAGE_NAME,
        )
        page = PrintPage.objects.get(edition_date=EDITION_DATE, number=PAGE_NUMBER)
    articles = {a.title: a for a in page.articles.all()}
    page.articles.exclude(status=ArticleStatus.PUBLISHED).update(
        status=ArticleStatus.PUBLISHED, published_at=PUBLISHED_AT
    )
    return articles


def load_page_pdf() -> int:
    """The demo page's PDF, its page image and its stories' zones (the e-paper page);
    running it again changes nothing. The number of stories given zones."""
    page = PrintPage.objects.get(edition_date=EDITION_DATE, number=PAGE_NUMBER)
    if PageFile.objects.filter(print_page=page).exists():
        return 0
    return len(attach_pdf(print_page=page, pdf=SEED_PDF.read_bytes()).zoned)


def _load_activities(unions: dict[str, Union], articles: dict[str, Article]) -> None:
    for title, union_name, kind, article_title, figures, gift_lines in ACTIVITIES:
        activity, created = Activity.objects.get_or_create(
            title=title,
            union=unions[union_name],
            defaults={
                "kind": kind,
                "start_date": REPORTED_DAY,
                "internal_note": DATE_NOTE,
                **figures,
            },
        )
        if not created:
            continue
        for order, (item, quantity, approx, unit) in enumerate(gift_lines):
            GiftLine.objects.create(
                activity=activity,
                item=item,
                quantity=quantity,
                quantity_is_minimum=approx,
                unit=unit,
                order=order,
            )
        if article_title in articles:
            activity.articles.add(articles[article_title])
