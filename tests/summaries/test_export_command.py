"""manage.py export_monthly: files for scheduled jobs, clear messages for mistakes."""

import zipfile
from io import StringIO

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from articles.demo.loader import load_demo

# Most tests load the whole demo content (~0.7 s each).
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def demo(db):
    load_demo()


def export(*args: str) -> str:
    out = StringIO()
    call_command("export_monthly", *args, stdout=out)
    return out.getvalue()


def test_it_writes_the_month_as_xlsx(demo, tmp_path):
    target = tmp_path / "月报.xlsx"
    out = export("--month", "2024-01", "--format", "xlsx", "--output", str(target))
    assert "已导出2024年1月（全市）：6 篇稿件，6 项工会活动。" in out
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames[:2] == ["汇总", "分区统计"]


def test_xlsx_is_the_default_format(demo, tmp_path):
    export("--month", "2024-01", "--output", str(tmp_path / "a.xlsx"))
    assert zipfile.is_zipfile(tmp_path / "a.xlsx")


def test_it_writes_csv_into_a_directory_or_a_zip(demo, tmp_path):
    export("--month", "2024-01", "--format", "csv", "--output", str(tmp_path / "csv"))
    stories = (tmp_path / "csv" / "稿件清单.csv").read_bytes()
    assert stories.startswith(b"\xef\xbb\xbf")
    assert "西城区天桥街道总工会为职工送出“温暖礼包”" in stories.decode("utf-8-sig")
    export("--month", "2024-01", "--format", "csv", "--output", str(tmp_path / "all.zip"))
    with zipfile.ZipFile(tmp_path / "all.zip") as archive:
        assert "活动清单.csv" in archive.namelist()


def test_it_takes_a_union_by_its_alias_a_date_range_and_a_season(demo, tmp_path):
    out = export(
        "--start", "2024-01-01", "--end", "2024-01-31", "--union", "天桥街道工会",
        "--output", str(tmp_path / "tianqiao.xlsx"),
    )  # fmt: skip
    assert "西城区天桥街道总工会及下属工会" in out
    assert "1 篇稿件，1 项工会活动" in out
    out = export("--season", "2023", "--output", str(tmp_path / "season.xlsx"))
    assert "2023—2024年度送温暖季" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--month", "2024-13"], "“2024-13”不是有效的月份"),
        (["--month", "2099-01"], "还没有开始"),
        (["--month", "2023-06"], "没有已发布的稿件，也没有已报道的工会活动。未生成文件。"),
        (["--month", "2024-01", "--union", "火星区总工会"], "找不到名为“火星区总工会”的工会"),
        (["--start", "2024-01-01"], "开始日期和结束日期都要填写"),
        (["--end", "2024-01-31", "--month", "2024-01"], "--end 要和 --start 一起使用"),
        (["--start", "2024-02-01", "--end", "2024-01-01"], "结束日期不能早于开始日期"),
    ],
)
def test_mistakes_get_a_clear_message(demo, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        export(*args, "--output", str(tmp_path / "x.xlsx"))
    assert not (tmp_path / "x.xlsx").exists()


def test_it_refuses_an_output_it_cannot_write(demo, tmp_path):
    with pytest.raises(CommandError, match="不存在"):
        export("--month", "2024-01", "--output", str(tmp_path / "missing" / "x.xlsx"))
    with pytest.raises(CommandError, match="是一个目录"):
        export("--month", "2024-01", "--output", str(tmp_path))


def test_a_period_is_required(tmp_path):
    with pytest.raises(CommandError):
        export("--output", str(tmp_path / "x.xlsx"))
