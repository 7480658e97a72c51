"""`manage.py check_copy FILE... [--json] [--fail-on-error]` on real reports of union
papers (tests/fixtures/copydesk/, see SOURCES.md there): one JSON line a file, offsets in
characters of the file's text (a CRLF file's "\\r" counted, a byte order mark not), the
report in Chinese, and bad input told on stderr while the other files are still checked.

The rules are the database's (`services.current_rules()`): the demo's union tree and the
starter term list, made here (a live-server test before these may have flushed tables).
"""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.demo.loader import load_demo
from tests.copydesk.test_sentences import starter_rows

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "copydesk"
TIANQIAO = FIXTURES / "tianqiao_seed.txt"
XINING = FIXTURES / "xining_crlf.txt"
CHANGPING = FIXTURES / "changping_errors.txt"
JIANGONG = FIXTURES / "jiangong_bom.txt"

# Each file's findings as (level, check, excerpt, replacement) and figures as (text, value,
# unit, qualifier), judged by the house style of the seed page.
EXPECTED = {
    TIANQIAO: ([], [("1030份", 1030, "份", "")]),
    XINING: (
        [
            ("error", "dateline", "本报讯(记者 邢生祥)", "本报讯（记者 邢生祥）"),
            ("error", "punctuation", ",", "，"),
            ("error", "numbers", "2026-1-8", "2026年1月8日"),
            ("warning", "numbers", "上午9点", "上午9时"),
            ("error", "punctuation", '"', "“"),
            ("error", "punctuation", '"', "”"),
        ],
        [("300余名", 300, "名", "余")],
    ),
    CHANGPING: (
        [
            ("warning", "dateline", "本报讯（记者周美玉）", "本报讯（记者 周美玉）"),
            ("error", "punctuation", "。。", "。"),
            ("warning", "union_names", "区总", None),
            ("warning", "terms", "亲自", None),
        ],
        [("4家", 4, "家", "")],
    ),
    JIANGONG: (
        [
            (
                "error",
                "dateline",
                "本报讯(记者 边磊 通讯员 蔡洪玉)",
                "本报讯（记者 边磊 通讯员 蔡洪玉）",
            )
        ],
        [("70余册", 70, "册", "余")],
    ),
}
FINDING_KEYS = ["check", "level", "start", "end", "message", "replacement"]
FIGURE_KEYS = ["text", "start", "end", "value", "unit", "qualifier"]


def file_text(path: Path) -> str:
    """The text offsets count in: the bytes as UTF-8, line endings as they are, a leading
    byte order mark dropped."""
    return path.read_bytes().decode("utf-8").removeprefix("\ufeff")


def run(*args: str) -> tuple[int, str, str]:
    """check_copy through call_command: (exit status, stdout, stderr)."""
    out, err = StringIO(), StringIO()
    try:
        call_command("check_copy", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return exit_.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def assert_lines_match_files(lines: list[dict], paths: list[Path]) -> None:
    """Each JSON object is its file's expected findings and figures, and every offset
    points at the text it is about in the file's text."""
    assert [line["file"] for line in lines] == [str(path) for path in paths]
    for line, path in zip(lines, paths, strict=True):
        text = file_text(path)
        findings, figures = EXPECTED[path]
        assert list(line) == ["file", "findings", "figures"]
        for finding in line["findings"]:
            assert list(finding) == FINDING_KEYS
            assert finding["message"]
        for figure in line["figures"]:
            assert list(figure) == FIGURE_KEYS
            assert text[figure["start"] : figure["end"]] == figure["text"]
        assert [
            (f["level"], f["check"], text[f["start"] : f["end"]], f["replacement"])
            for f in line["findings"]
        ] == findings, path.name
        assert [
            (f["text"], f["value"], f["unit"], f["qualifier"]) for f in line["figures"]
        ] == figures, path.name


@pytest.fixture
def rules_in_database(db):
    load_demo()
    starter_rows()


def test_the_fixtures_are_what_they_say():
    assert b"\r\n" in XINING.read_bytes() and b"\r\n" not in TIANQIAO.read_bytes()
    assert JIANGONG.read_bytes().startswith(b"\xef\xbb\xbf")
    assert not TIANQIAO.read_bytes().startswith(b"\xef\xbb\xbf")


def test_json_gives_one_object_a_line_for_each_file(rules_in_database):
    paths = [TIANQIAO, XINING, CHANGPING, JIANGONG]
    status, out, err = run("--json", *map(str, paths))
    assert (status, err) == (0, "")
    assert out.endswith("\n")
    lines = [json.loads(line) for line in out.splitlines()]
    assert_lines_match_files(lines, paths)
    # Chinese as it is (ensure_ascii=False), null for no replacement, "" for no qualifier.
    assert "本报讯" in out and "\\u" not in out
    assert '"replacement": null' in out and '"qualifier": ""' in out


def test_offsets_count_the_carriage_returns_of_a_crlf_file(rules_in_database):
    _status, out, _err = run("--json", str(XINING))
    (line,) = [json.loads(line) for line in out.splitlines()]
    text = file_text(XINING)
    assert "\r\n" in text
    date = next(f for f in line["findings"] if f["check"] == "numbers")
    # The date opens the third line: two lines and their CRLF endings stand before it.
    assert (
        date["start"]
        == text.index("2026-1-8")
        == sum(len(line) + 2 for line in text.split("\r\n")[:2])
    )
    # The same report with LF endings: each finding one character earlier per line above.
    lf_text = text.replace("\r\n", "\n")
    for finding in line["findings"]:
        lines_above = text.count("\n", 0, finding["start"])
        start = finding["start"] - lines_above
        assert (
            lf_text[start : start + finding["end"] - finding["start"]]
            == (text[finding["start"] : finding["end"]])
        )


def test_a_byte_order_mark_is_no_character_of_the_text(rules_in_database):
    _status, out, _err = run("--json", str(JIANGONG))
    (line,) = [json.loads(line) for line in out.splitlines()]
    (dateline,) = line["findings"]
    assert (dateline["start"], dateline["check"]) == (0, "dateline")


def test_the_report_in_chinese_names_file_line_and_column(rules_in_database):
    status, out, err = run(str(CHANGPING), str(TIANQIAO))
    assert (status, err) == (0, "")
    name, clean = str(CHANGPING), str(TIANQIAO)
    assert out.splitlines() == [
        f"{name}:2:1: 提示〔电头〕“本报讯（记者周美玉）” "
        "电头署名按本报格式写作“本报讯（记者 周美玉）”"
        "（角色词与姓名之间空一格，姓名中间不空格，括号后直接接正文）。 → 本报讯（记者 周美玉）",
        f"{name}:2:58: 错误〔标点〕“。。” 标点重复：。。。 → 。",
        f"{name}:3:23: 提示〔工会名称〕“区总” “区总”是简称，见报用全称（如“某某区总工会”）。",
        f"{name}:3:30: 提示〔用词〕“亲自” 慎用词“亲自”：对各级领导同志的活动报道慎用“亲自”"
        "（新华社《禁用词和慎用词》）",
        f"{name}：稿件中的数字 1 个",
        "  3:121: 4家 = 4家",
        f"{clean}：未发现问题。",
        f"{clean}：稿件中的数字 1 个",
        "  4:35: 1030份 = 1030份",
        "共检查 2 个文件：错误 1 处，提示 3 处，数字 2 个。",
    ]


def test_columns_count_characters_of_the_line_in_a_crlf_file(rules_in_database):
    _status, out, _err = run(str(XINING))
    lines = out.splitlines()
    assert lines[0].startswith(f"{XINING}:2:1: 错误〔电头〕“本报讯(记者 邢生祥)” ")
    assert lines[0].endswith("→ 本报讯（记者 邢生祥）")
    assert lines[2].startswith(f"{XINING}:3:1: 错误〔数字〕“2026-1-8” 日期应写作“2026年1月8日”。")
    assert "  2:113: 300余名 = 300名（余）" in lines


def test_bad_input_is_told_on_stderr_and_the_other_files_are_checked(rules_in_database, tmp_path):
    missing = tmp_path / "没有这个文件.txt"
    directory = tmp_path / "稿件"
    directory.mkdir()
    gbk = tmp_path / "gbk.txt"
    head = "本报讯（记者 崔欣）".encode()
    gbk.write_bytes(head + "近日，怀柔区总工会".encode("gbk"))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")

    status, out, err = run(
        "--json", str(missing), str(TIANQIAO), str(directory), str(gbk), str(empty)
    )
    assert status == 1
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines[0]["file"] == str(TIANQIAO)
    assert lines[1] == {"file": str(empty), "findings": [], "figures": []}
    assert len(head) == 28  # nine characters of three bytes and a space
    assert err.splitlines() == [
        f"无法检查：{missing}：文件不存在。",
        f"无法检查：{directory}：这是一个目录，不是文件。",
        f"无法检查：{gbk}：不是 UTF-8 编码的文本（第 28 字节处无法解码，字节从 0 数起），"
        "请另存为 UTF-8 后再检查。",
    ]

    status, out, err = run(str(empty), str(missing))
    assert status == 1
    assert out.splitlines() == [
        f"{empty}：空文件，没有可检查的内容。",
        "共检查 1 个文件：错误 0 处，提示 0 处，数字 0 个；1 个文件无法读取。",
    ]


def test_errors_in_the_copy_change_the_status_only_when_asked(rules_in_database):
    assert run("--json", str(XINING))[0] == 0
    assert run("--json", "--fail-on-error", str(XINING))[0] == 1
    # One error among the files is enough (CHANGPING's 。。); a clean file is no excuse.
    assert run("--json", "--fail-on-error", str(TIANQIAO), str(CHANGPING))[0] == 1
    assert run("--json", "--fail-on-error", str(TIANQIAO))[0] == 0


def test_warnings_alone_pass_fail_on_error(rules_in_database, tmp_path):
    story = tmp_path / "story.txt"
    story.write_bytes("本报讯（记者周美玉）近日，昌平区总工会启动“两节”送温暖系列活动。\n".encode())
    status, out, _err = run("--json", "--fail-on-error", str(story))
    assert status == 0
    (line,) = [json.loads(line) for line in out.splitlines()]
    assert [f["level"] for f in line["findings"]] == ["warning"]


@pytest.fixture(scope="module")
def command_database(tmp_path_factory):
    """A database of its own for manage.py in a process of its own: migrated (the
    starter list), with the demo (the union tree)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('check_copy') / 'db.sqlite3'}",
    }
    env.pop("REDIS_URL", None)
    for command in (["migrate", "--verbosity", "0"], ["load_demo"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            timeout=300,
        )
    return env


@pytest.mark.slow
def test_manage_py_check_copy_json_on_real_files(command_database, tmp_path):
    paths = [TIANQIAO, XINING, CHANGPING, JIANGONG]
    missing = tmp_path / "missing.txt"
    finished = subprocess.run(
        [sys.executable, "manage.py", "check_copy", "--json", *map(str, paths), str(missing)],
        cwd=ROOT,
        env=command_database,
        capture_output=True,
        timeout=300,
    )
    assert finished.returncode == 1
    assert finished.stderr.decode("utf-8") == f"无法检查：{missing}：文件不存在。\n"
    lines = [json.loads(line) for line in finished.stdout.decode("utf-8").splitlines()]
    assert_lines_match_files(lines, paths)

    finished = subprocess.run(
        [sys.executable, "manage.py", "check_copy", "--json", str(TIANQIAO)],
        cwd=ROOT,
        env=command_database,
        capture_output=True,
        timeout=300,
    )
    assert (finished.returncode, finished.stderr) == (0, b"")
