"""The Excel workbook and the CSV files, read back as staff would open them."""

import csv
import datetime
import io
import shutil
import subprocess
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from articles.demo.loader import load_demo
from articles.models import ArticleKind, GiftLine
from articles.summaries import exports
from articles.summaries.exports.csv_files import csv_value
from articles.summaries.figures import build_summary
from articles.summaries.periods import Period
from articles.summaries.scope import Scope
from tests.factories import SHANGHAI, make_activity, make_article, make_print_page, make_union
from unions.models import UnionLevel

pytestmark = pytest.mark.django_db

JANUARY = Period.month(2024, 1)
SECRET = "内部备注：金额待核实，勿外传"


@pytest.fixture
def demo_workbook(tmp_path):
    load_demo()
    path = tmp_path / "demo.xlsx"
    exports.write_xlsx(build_summary(JANUARY, Scope()), str(path))
    return openpyxl.load_workbook(path)


def rows_of(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def find_row(sheet, first: str):
    for row in sheet.iter_rows():
        if row[0].value == first:
            return row
    raise AssertionError(f"no row starting with {first!r} in {sheet.title}")


def test_the_workbook_has_the_chinese_sheets(demo_workbook):
    assert demo_workbook.sheetnames == [
        "汇总",
        "分区统计",
        "作者统计",
        "月度趋势",
        "稿件清单",
        "活动清单",
    ]


def test_the_summary_sheet_gives_the_headline_figures(demo_workbook):
    sheet = demo_workbook["汇总"]
    assert sheet["A1"].value == "月度统计：2024年1月（全市）"
    header = find_row(sheet, "项目")
    assert [c.value for c in header[:4]] == [
        "项目",
        "本期（2024年1月）",
        "上月（2023年12月）",
        "去年同月（2023年1月）",
    ]
    assert sheet.freeze_panes == f"A{header[0].row + 1}"
    assert [c.value for c in find_row(sheet, "见报稿件（篇）")[:4]] == ["见报稿件（篇）", 6, 0, 0]
    assert find_row(sheet, "送温暖")[1].value == 3
    assert [c.value for c in find_row(sheet, "稿件总数（去重）")[:2]] == ["稿件总数（去重）", 6]
    assert find_row(sheet, "稿件总数（去重）")[0].font.bold
    assert [c.value for c in find_row(sheet, "温暖礼包（含焖泡壶）")[:4]] == [
        "温暖礼包（含焖泡壶）",
        1030,
        "份",
        "1030份",
    ]
    assert find_row(sheet, "图书")[3].value == "70余册"
    # The relief money of 昌平 was never printed: shown as unknown, not as ¥0.00.
    assert find_row(sheet, "慰问金（元）")[1].value == "—"


def test_jianbao_is_printed_and_the_site_count_says_so_in_every_file(tmp_path):
    page = make_print_page(datetime.date(2024, 1, 9), 3)
    in_january = datetime.datetime(2024, 1, 9, 8, tzinfo=SHANGHAI)
    printed = make_article("见报的稿件", published_at=in_january, print_page=page, print_order=1)
    make_article("仅网站发布的稿件", published_at=in_january)
    make_article("更正", published_at=in_january, kind=ArticleKind.CORRECTION, corrects=printed)
    summary = build_summary(JANUARY, Scope())
    path = tmp_path / "printed.xlsx"
    exports.write_xlsx(summary, str(path))
    workbook = openpyxl.load_workbook(path)

    sheet = workbook["汇总"]
    assert [c.value for c in find_row(sheet, "见报稿件（篇）")[:2]] == ["见报稿件（篇）", 1]
    assert [c.value for c in find_row(sheet, "网站发布稿件（篇）")[:2]] == ["网站发布稿件（篇）", 2]
    assert "“见报稿件”是其中刊登在报纸版面上的稿件" in sheet["A2"].value
    assert "报道中的数量" in [c.value for c in find_row(sheet, "物品")]
    trend = rows_of(workbook["月度趋势"])
    assert trend[0] == ("月份", "见报稿件（篇）", "网站发布稿件（篇）", "工会活动（项）")
    assert trend[-1] == ("2024年1月", 1, 2, 0)
    listed = [row[2] for row in rows_of(workbook["稿件清单"])[1:] if row[0] != "合计"]
    assert listed == ["见报的稿件", "仅网站发布的稿件"]
    # No other figure is called 见报: the word names printed stories only.
    csvs = io.BytesIO()
    exports.write_csv_zip(summary, csvs)
    with zipfile.ZipFile(csvs) as archive:
        summary_csv = archive.read("汇总.csv").decode("utf-8-sig")
    lines = summary_csv.splitlines()[2:]  # past the title and the counting note
    assert [line.split(",")[0] for line in lines if "见报" in line] == ["见报稿件（篇）"]


def test_the_district_sheet_has_a_row_per_district_and_a_deduplicated_total(demo_workbook):
    sheet = demo_workbook["分区统计"]
    rows = rows_of(sheet)
    assert rows[0][:2] == ("区", "稿件 本期（2024年1月）")
    assert sheet.freeze_panes == "A2"
    districts = {row[0]: (row[1], row[4]) for row in rows[1:7]}
    assert districts == {
        "怀柔区总工会": (1, 0),
        "昌平区总工会": (1, 2),
        "通州区总工会": (1, 1),
        "西城区总工会": (1, 1),
        "平谷区总工会": (1, 1),
        "市属单位（不属于任何区）": (1, 1),
    }
    total = find_row(sheet, "全市合计")
    assert (total[1].value, total[4].value, total[7].value) == (6, 6, 5)
    assert total[0].font.bold


def test_the_story_list_links_every_story(demo_workbook):
    sheet = demo_workbook["稿件清单"]
    rows = rows_of(sheet)
    assert rows[0] == (
        "序号",
        "发布日期",
        "标题",
        "体裁",
        "刊登版面",
        "栏目",
        "作者署名",
        "涉及工会",
        "所属区",
        "专题",
        "链接",
    )
    assert sheet.freeze_panes == "A2"
    stories = rows[1:7]
    assert [r[0] for r in stories] == [1, 2, 3, 4, 5, 6]
    tianqiao = next(r for r in stories if r[2].startswith("西城区天桥街道总工会为职工送出"))
    assert tianqiao[1] == datetime.datetime(2024, 1, 23)
    assert tianqiao[4] == "2024年1月23日 第3版 工会新闻"
    assert tianqiao[6] == "本报讯（记者 陈曦）"
    assert tianqiao[7:9] == ("西城区天桥街道总工会", "西城区总工会")
    assert tianqiao[10].startswith("http://127.0.0.1:8000/articles/")
    link_cell = sheet.cell(row=6, column=11)
    assert link_cell.hyperlink is not None and link_cell.hyperlink.target == link_cell.value
    assert sheet.cell(row=2, column=2).number_format == 'yyyy"年"m"月"d"日"'
    assert rows[7][:2] == ("合计", "共6篇稿件")
    assert sheet.column_dimensions["C"].width > 40


def test_the_activity_list_has_figures_and_totals(demo_workbook):
    sheet = demo_workbook["活动清单"]
    rows = rows_of(sheet)
    assert rows[0][8:12] == ("参与人数", "惠及职工人数", "慰问基层工会数", "慰问金（元）")
    tianqiao = next(r for r in rows if r[4] == "西城区天桥街道总工会")
    assert tianqiao[12] == "温暖礼包（含焖泡壶） 1030份"
    assert tianqiao[13] == "西城区天桥街道总工会为职工送出“温暖礼包”"
    total = find_row(sheet, "合计")
    assert [c.value for c in total[8:12]] == [
        "=SUM(I2:I7)",
        "=SUM(J2:J7)",
        "=SUM(K2:K7)",
        "=SUM(L2:L7)",
    ]


def test_money_is_yuan_with_two_decimals_and_totals_are_cached(tmp_path):
    district = make_union("西城区总工会", level=UnionLevel.DISTRICT)
    story = make_article(published_at=datetime.datetime(2024, 1, 9, 8, tzinfo=SHANGHAI))
    for money, people in ((Decimal("12000.50"), 300), (Decimal("800"), 20)):
        created = make_activity(
            union=district,
            start_date=datetime.date(2024, 1, 9),
            relief_money=money,
            beneficiaries=people,
        )
        created.articles.add(story)
    path = tmp_path / "money.xlsx"
    exports.write_xlsx(build_summary(JANUARY, Scope()), str(path))

    sheet = openpyxl.load_workbook(path)["活动清单"]
    money_cells = [row[11] for row in sheet.iter_rows(min_row=2, max_row=3)]
    assert [c.value for c in money_cells] == [12000.5, 800]
    assert {c.number_format for c in money_cells} == {'"¥"#,##0.00'}
    # openpyxl does not calculate: the totals row carries xlsxwriter's cached values.
    cached = openpyxl.load_workbook(path, data_only=True)["活动清单"]
    total = find_row(cached, "合计")
    assert (total[9].value, total[11].value) == (320, 12800.5)
    assert total[11].number_format == '"¥"#,##0.00'
    summary_sheet = openpyxl.load_workbook(path)["汇总"]
    relief = find_row(summary_sheet, "慰问金（元）")[1]
    assert (relief.value, relief.number_format) == (12800.5, '"¥"#,##0.00')


def test_internal_notes_are_never_exported(tmp_path):
    district = make_union("西城区总工会", level=UnionLevel.DISTRICT)
    story = make_article(published_at=datetime.datetime(2024, 1, 9, 8, tzinfo=SHANGHAI))
    created = make_activity(union=district, internal_note=SECRET)
    created.articles.add(story)
    summary = build_summary(JANUARY, Scope())

    xlsx = tmp_path / "notes.xlsx"
    exports.write_xlsx(summary, str(xlsx))
    with zipfile.ZipFile(xlsx) as archive:
        for name in archive.namelist():
            assert SECRET.encode() not in archive.read(name), name
    csvs = io.BytesIO()
    exports.write_csv_zip(summary, csvs)
    with zipfile.ZipFile(csvs) as archive:
        for name in archive.namelist():
            assert SECRET not in archive.read(name).decode("utf-8-sig"), name


def test_the_csv_has_a_bom_and_chinese_intact(tmp_path):
    load_demo()
    summary = build_summary(JANUARY, Scope())
    written = exports.write_csv_directory(summary, tmp_path / "csv")
    assert [p.rsplit("/", 1)[-1] for p in written] == [
        "汇总.csv",
        "分区统计.csv",
        "作者统计.csv",
        "月度趋势.csv",
        "稿件清单.csv",
        "活动清单.csv",
    ]
    raw = (tmp_path / "csv" / "稿件清单.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["序号", "发布日期", "标题"]
    assert len(rows) == 7  # header and six stories: a list has no totals line
    tianqiao = next(r for r in rows if r[2].startswith("西城区天桥街道总工会"))
    assert tianqiao[1] == "2024年1月23日"
    assert tianqiao[2].endswith("“希望职工不仅感受新意更能够感受到心意”")
    activities = (tmp_path / "csv" / "活动清单.csv").read_text(encoding="utf-8-sig")
    assert "温暖礼包（含焖泡壶） 1030份" in activities
    districts = list(
        csv.reader(io.StringIO((tmp_path / "csv" / "分区统计.csv").read_text("utf-8-sig")))
    )
    assert districts[-3][:2] == ["全市合计", "6"]


def test_the_csv_zip_holds_every_list(db):
    load_demo()
    target = io.BytesIO()
    names = exports.write_csv_zip(build_summary(JANUARY, Scope()), target)
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == names
        summary_csv = archive.read("汇总.csv")
    assert summary_csv.startswith(b"\xef\xbb\xbf")
    assert "温暖礼包（含焖泡壶）,1030,份,1030份" in summary_csv.decode("utf-8-sig")


def test_csv_cells_cannot_smuggle_a_formula(db):
    make_article(title="=HYPERLINK(1)", published_at=datetime.datetime(2024, 1, 9, tzinfo=SHANGHAI))
    rows = list(exports.story_csv_rows(build_summary(JANUARY, Scope())))
    line = "".join(exports.iter_csv(rows))
    assert "'=HYPERLINK(1)" in line
    assert csv_value("-12") == "-12"  # numbers stay numbers


def test_money_in_csv_has_two_decimals():
    assert csv_value(Decimal("800")) == "800.00"
    assert csv_value(None) == ""
    assert csv_value(datetime.date(2024, 1, 23)) == "2024年1月23日"


SOFFICE = shutil.which("soffice")
# LibreOffice shows the values cached in an .xlsx unless told to recalculate on load.
ALWAYS_RECALCULATE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_workbook_and_agrees_with_its_totals(tmp_path):
    district = make_union("西城区总工会", level=UnionLevel.DISTRICT)
    story = make_article(published_at=datetime.datetime(2024, 1, 9, 8, tzinfo=SHANGHAI))
    for money, people in ((Decimal("12000.50"), 300), (Decimal("800"), 20)):
        created = make_activity(union=district, relief_money=money, beneficiaries=people)
        created.articles.add(story)
    workbook = tmp_path / "月报.xlsx"
    exports.write_xlsx(build_summary(JANUARY, Scope()), str(workbook))

    # Every sheet to CSV, formulas recalculated by LibreOffice itself (-1: all sheets).
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
            str(tmp_path),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    activities = (tmp_path / "月报-活动清单.csv").read_text(encoding="utf-8")
    total = next(csv.reader([line for line in activities.splitlines() if line.startswith("合计")]))
    assert total[9] == "320"
    assert float(total[11]) == 12800.5
    summary = (tmp_path / "月报-汇总.csv").read_text(encoding="utf-8")
    assert "月度统计：2024年1月（全市）" in summary


def test_an_activity_told_in_two_stories_counts_once_everywhere(tmp_path):
    district = make_union("西城区总工会", level=UnionLevel.DISTRICT)
    street = make_union("天桥街道总工会", level=UnionLevel.STREET, parent=district)
    activity = make_activity(
        union=street,
        start_date=datetime.date(2024, 1, 9),
        beneficiaries=1030,
        relief_money=Decimal("5000"),
        unions_reached=4,
        participants=60,
    )
    GiftLine.objects.create(activity=activity, item="温暖礼包", quantity=1030, unit="份")
    for day in (9, 10):
        story = make_article(
            f"天桥送温暖{day}",
            published_at=datetime.datetime(2024, 1, day, 8, tzinfo=SHANGHAI),
            unions=[street],
        )
        activity.articles.add(story)

    summary = build_summary(JANUARY, Scope())
    totals = summary.activity_totals
    assert [totals[name][0] for name in ("activities", "beneficiaries", "unions_reached")] == [
        1,
        1030,
        4,
    ]
    assert totals["relief_money"][0] == Decimal("5000")
    assert totals["unions_active"][0] == 1
    assert [(row.item, row.quantity) for row in summary.gifts] == [("温暖礼包", 1030)]
    district_row = next(row for row in summary.districts if row.name == "西城区总工会")
    assert (district_row.activities[0], district_row.beneficiaries) == (1, 1030)
    assert [row.values[0] for row in summary.activity_kinds if row.values[0]] == [1]

    path = tmp_path / "once.xlsx"
    exports.write_xlsx(summary, str(path))
    sheet = openpyxl.load_workbook(path, data_only=True)["活动清单"]
    listed = [row for row in rows_of(sheet)[1:] if row[0] != "合计" and row[3]]
    assert len(listed) == 1
    assert listed[0][13] == "天桥送温暖9；天桥送温暖10"
    total = find_row(sheet, "合计")
    assert (total[9].value, total[11].value) == (1030, 5000)

    csvs = io.BytesIO()
    exports.write_csv_zip(summary, csvs)
    with zipfile.ZipFile(csvs) as archive:
        name = next(n for n in archive.namelist() if "活动" in n)
        rows = list(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
    assert len([row for row in rows[1:] if row and row[0] != "合计"]) == 1
