from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command

from articles.demo.loader import load_demo
from articles.models import Activity, Article, ArticleStatus, PrintPage
from unions.models import Union

pytestmark = pytest.mark.django_db

# (kicker, title, subtitle, column, kind, byline) in print order
SEED_REPORTS = [
    (
        "怀柔区总工会打造“一工会一亮点、一区域一特色”工作格局",
        "以大抓基层为导向健全服务职工工作体系",
        "",
        "贯彻落实工会十八大精神",
        "news",
        "本报讯（记者 崔欣）",
    ),
    (
        "",
        "昌平区总工会启动“两节”送温暖活动",
        "",
        "寒冬送暖 工会行动",
        "news",
        "本报讯（记者 周美玉）",
    ),
    (
        "",
        "建工一建工会以职工书屋为平台打造学习型企业",
        "",
        "",
        "news",
        "本报讯（记者 边磊 通讯员 蔡洪玉）",
    ),
    ("", "“娘家人”送来暖心慰问", "", "", "photo", "本报记者 周美玉 摄影报道"),
    (
        "",
        "西城区天桥街道总工会为职工送出“温暖礼包”",
        "“希望职工不仅感受新意更能够感受到心意”",
        "",
        "news",
        "本报讯（记者 陈曦）",
    ),
    (
        "",
        "平谷滨河街道北小区社区工会开展亲子活动",
        "",
        "",
        "news",
        "本报讯（记者 马超）",
    ),
]


def all_row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.managed
    }


def test_it_loads_the_six_seed_reports_as_published_page_three():
    load_demo()
    page = PrintPage.objects.get()
    assert (str(page), page.banner) == (
        "2024年1月23日 第3版 工会新闻",
        "深入学习贯彻党的二十大精神 奋力开拓首都工会工作新局面",
    )
    articles = list(page.articles.with_byline().select_related("column").order_by("print_order"))
    found = [
        (a.kicker, a.title, a.subtitle, a.column.name if a.column else "", a.kind, a.byline)
        for a in articles
    ]
    assert found == SEED_REPORTS
    assert all(a.is_public for a in articles)
    assert Article.objects.published().count() == 6


def test_it_keeps_paragraphs_and_rejoins_column_breaks():
    load_demo()
    first = Article.objects.get(title="以大抓基层为导向健全服务职工工作体系")
    assert len(first.paragraphs) == 6
    assert "在提升职工职业技能、建设学习型班组方面" in first.body
    assert first.paragraphs[0].startswith("中关村科技园区怀柔园管理委员会工会联合会")
    changping = Article.objects.get(title="昌平区总工会启动“两节”送温暖活动")
    assert "支持基层工会开展好“送温暖”活动。" in changping.body


def test_it_places_the_unions_in_the_tree():
    load_demo()
    huairou = Union.objects.get(name="怀柔区总工会")
    assert {u.name for u in huairou.children.all()} == {
        "龙山街道总工会",
        "庙城镇总工会",
        "中关村科技园区怀柔园管理委员会工会联合会",
    }
    assert huairou.parent.name == "北京市总工会"
    community = Union.objects.get(name="平谷区滨河街道北小区社区联合工会")
    assert community.district.name == "平谷区总工会"
    tianqiao = Union.objects.get(name="西城区天桥街道总工会")
    assert tianqiao.district.name == "西城区总工会"
    assert tianqiao.facilities.get().name == "天桥街道工会服务站"


def test_it_links_reports_to_their_unions_and_topics():
    load_demo()
    tianqiao = Article.objects.get(title="西城区天桥街道总工会为职工送出“温暖礼包”")
    assert [u.name for u in tianqiao.unions.all()] == ["西城区天桥街道总工会"]
    assert [t.slug for t in tianqiao.topics.all()] == ["song-wen-nuan"]
    library = Article.objects.get(title="建工一建工会以职工书屋为平台打造学习型企业")
    assert {"xue-xi-xing-zu-zhi", "zhi-gong-shu-wu"} <= {t.slug for t in library.topics.all()}
    first = Article.objects.get(title="以大抓基层为导向健全服务职工工作体系")
    assert {u.name for u in first.unions.all()} >= {
        "怀柔区总工会",
        "龙山街道总工会",
        "庙城镇总工会",
        "中关村科技园区怀柔园管理委员会工会联合会",
    }


def test_it_records_the_figures_of_the_page():
    load_demo()
    gifts = Activity.objects.get(union__name="西城区天桥街道总工会")
    assert [str(line) for line in gifts.gift_lines.all()] == ["温暖礼包（含焖泡壶） 1030份"]
    books = Activity.objects.get(union__name="北京建工一建水电分公司工会").gift_lines.get()
    assert (books.item, books.quantity, books.quantity_is_minimum, str(books)) == (
        "图书",
        70,
        True,
        "图书 70余册",
    )
    relief = Activity.objects.get(kind="relief_money")
    assert (relief.union.name, relief.unions_reached, relief.relief_money) == (
        "昌平区总工会",
        4,
        None,
    )
    visit = Activity.objects.get(union__name="通州多源公司工会")
    assert [line.item for line in visit.gift_lines.all()] == ["米", "面", "油"]
    assert visit.articles.get().title == "“娘家人”送来暖心慰问"
    assert Activity.objects.count() == 6
    assert all(isinstance(a.relief_money, Decimal | None) for a in Activity.objects.all())


def test_loading_twice_changes_nothing():
    load_demo()
    before = all_row_counts()
    statuses = dict(Article.objects.values_list("title", "status"))
    call_command("load_demo", verbosity=0)
    assert all_row_counts() == before
    assert dict(Article.objects.values_list("title", "status")) == statuses
    assert set(statuses.values()) == {ArticleStatus.PUBLISHED}


def test_the_command_says_what_it_loaded(capsys):
    call_command("load_demo")
    assert "6 篇稿件" in capsys.readouterr().out


@pytest.mark.slow
def test_with_photos_the_photo_report_gets_illustrations_through_the_pipeline_once(capsys):
    from django.core.files.storage import default_storage

    from articles.photos import renditions

    call_command("load_demo", "--photos")
    assert "新增 4 张" in capsys.readouterr().out
    report = Article.objects.get(title="“娘家人”送来暖心慰问")
    photos = list(report.photos.order_by("order"))
    assert len(photos) == 4
    for photo in photos:
        assert "演示示意图" in photo.caption and photo.credit == "周美玉 摄"
        names = renditions.all_names(photo.renditions)
        assert names and all(default_storage.exists(name) for name in names)
    # Only the photo report is illustrated, and only once.
    assert not Article.objects.exclude(pk=report.pk).filter(photos__isnull=False).exists()
    call_command("load_demo", "--photos")
    assert "新增 0 张" in capsys.readouterr().out
    assert report.photos.count() == 4


@pytest.mark.django_db
def test_the_demo_page_gets_its_pdf_image_and_each_storys_zones_once():
    from articles.demo.loader import load_page_pdf
    from articles.models import PageFile, PageZone

    load_demo()
    assert load_page_pdf() == 6
    assert PageFile.objects.get().renditions["widths"]
    assert PageZone.objects.values("article").distinct().count() == 6
    assert load_page_pdf() == 0
