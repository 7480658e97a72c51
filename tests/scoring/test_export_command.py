"""manage.py export_ranking: files for a period and scope, Chinese errors otherwise."""

import zipfile

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from tests.scoring.pieces import correspondent, piece

pytestmark = pytest.mark.django_db


@pytest.fixture
def quarter(tree):
    piece(correspondent("蔡洪玉", tree["company"]), title="龙山街道送温暖", page=(1, 1))


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("export_ranking", *args, stdout=out)
    return out.getvalue()


def test_it_writes_the_workbook(quarter, tmp_path):
    path = tmp_path / "考核.xlsx"
    out = run("--period", "2024Q1", "--format", "xlsx", "--output", str(path))
    assert "已导出2024年第一季度（全市）宣传信息考核：来稿 1 篇，采用 1 篇" in out
    book = openpyxl.load_workbook(path)
    assert book["通讯员排名"]["B2"].value == "蔡洪玉"


def test_it_writes_csv_to_a_zip_or_a_directory(quarter, tmp_path):
    run(
        "--period",
        "2024",
        "--union",
        "怀柔区总工会",
        "--format",
        "csv",
        "--output",
        str(tmp_path / "考核.zip"),
    )
    assert "稿费清单.csv" in zipfile.ZipFile(tmp_path / "考核.zip").namelist()
    run("--period", "2024Q1", "--format", "csv", "--output", str(tmp_path / "csv"))
    text = (tmp_path / "csv" / "稿费清单.csv").read_text("utf-8-sig")
    assert "龙山街道送温暖" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "2024Q7"], "格式不对"),
        (["--period", "2024Q1", "--union", "不存在的工会"], "找不到名为“不存在的工会”的工会"),
        (["--period", "2023Q4"], "没有通讯员来稿"),
    ],
)
def test_it_refuses_in_chinese(quarter, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args, "--output", str(tmp_path / "x.xlsx"))


def test_it_refuses_a_missing_directory(quarter, tmp_path):
    with pytest.raises(CommandError, match="不存在"):
        run("--period", "2024Q1", "--output", str(tmp_path / "no" / "x.xlsx"))


def test_a_bad_period_exits_non_zero(tree):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "manage.py", "export_ranking", "--period", "2024Q9", "--output", "x"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "格式不对" in result.stderr
