"""The workbook's rows are written as XML by `_RowSheet.write_cells` (for speed): the
sheets must be byte for byte what xlsxwriter's own `write_string`/`write_number`/
`write_datetime` make of the same values, and read back the same."""

import datetime
import io
import zipfile
from decimal import Decimal

import openpyxl
import xlsxwriter

from articles.scoring.exports.tables import NO_RATE, Col, Money, Percent, Points
from articles.scoring.exports.xlsx import _formats, _Sheet

COLUMNS = [Col(f"列{n}", 10) for n in range(9)]
DAY = datetime.date(2024, 3, 31)
ROWS = [
    [
        DAY,
        "第3版",
        "街道工会开展“两节”送温暖活动",
        "消息",
        "头版头条",
        "通讯员1",
        "第1区总工会",
        Points("10"),
        Money("50.00"),
    ],
    # Two rows of one story: the cached cells again, in a new row.
    [
        DAY,
        "第3版",
        "街道工会开展“两节”送温暖活动",
        "消息",
        "头版头条",
        "通讯员2",
        "",
        Points("5"),
        Money("25.00"),
    ],
    # What xlsxwriter escapes: markup, control characters, a literal _xHHHH_, edge spaces.
    [
        datetime.date(2024, 1, 1),
        "网站",
        'A & B <工会> "引号"',
        " 前有空格",
        "后有空格 ",
        "制表\t符\x01",
        "_x0041_ 字面",
        Points("2.5"),
        Money("0.35"),
    ],
    # Empty cells are left out; a row may start after column 0.
    [None, "", "只有标题", None, None, None, None, Points("0"), Money("0.00")],
    [1, 23, NO_RATE, Percent("66.7"), Decimal("1.25"), "😀" * 3, "\n换行\n", 0, -4],
    [None] * 9,
    ["a" * 40_000, "😀" * 20_000, "长", None, None, None, None, Points("1"), Money("1")],
]


def public_row(sheet: _Sheet, values: list) -> None:
    """The previous writer: one xlsxwriter call per cell."""
    f, ws = sheet.formats, sheet.sheet
    for column, value in enumerate(values):
        if value is None or value == "":
            continue
        if isinstance(value, str):
            ws.write_string(
                sheet.at, column, value, f["missing"] if value == NO_RATE else f["text"]
            )
        elif isinstance(value, datetime.date):
            moment = datetime.datetime.combine(value, datetime.time())
            ws.write_datetime(sheet.at, column, moment, f["date"])
        elif isinstance(value, int):
            ws.write_number(sheet.at, column, value, f["integer"])
        else:
            fmt = f["money"] if isinstance(value, Money) else f["points"]
            ws.write_number(sheet.at, column, float(value), fmt)
            sheet.sums[column] = sheet.sums.get(column, Decimal(0)) + value
    sheet.at += 1


def workbook(fast: bool) -> bytes:
    target = io.BytesIO()
    book = xlsxwriter.Workbook(target, {"constant_memory": True})
    formats = _formats(book)
    sheet = _Sheet(book, "表", formats)
    sheet.sheet.write_string(0, 0, "标题", formats["title"])
    sheet.at = 2
    sheet.header(COLUMNS)
    for values in ROWS * 3:
        sheet.row(values) if fast else public_row(sheet, values)
    sheet.finish("注", summed=(7, 8))
    book.close()
    return target.getvalue()


def test_rows_are_the_xml_xlsxwriter_writes():
    fast, public = (zipfile.ZipFile(io.BytesIO(workbook(f))) for f in (True, False))
    sheet = "xl/worksheets/sheet1.xml"
    assert b"<sheetData>" in fast.read(sheet)
    assert fast.read(sheet) == public.read(sheet)
    assert fast.read("xl/styles.xml") == public.read("xl/styles.xml")


def cells(data: bytes) -> list[tuple]:
    ws = openpyxl.load_workbook(io.BytesIO(data))["表"]
    return [(c.coordinate, c.value, c.number_format) for row in ws.iter_rows() for c in row]


def test_rows_read_back():
    assert cells(workbook(True)) == cells(workbook(False))
    ws = openpyxl.load_workbook(io.BytesIO(workbook(True)))["表"]
    assert ws["A4"].value == datetime.datetime(2024, 3, 31)
    assert ws["A4"].number_format == 'yyyy"年"m"月"d"日"'
    assert ws["C6"].value == 'A & B <工会> "引号"'
    assert ws["D6"].value == " 前有空格"
    assert ws["F6"].value.startswith("制表\t符")  # openpyxl leaves \x01 as _x0001_
    assert ws["H6"].value == 2.5
    assert ws["I4"].number_format == '"¥"#,##0.00'
    assert ws["A7"].value is None
    assert ws["C7"].value == "只有标题"
    assert ws["C8"].value == NO_RATE
    assert ws["F8"].value == "😀" * 3
    assert len(ws["A10"].value) == 32767
    total = ws.max_row - 2  # the 合计 row, then a blank row and the note
    assert ws.cell(total, 1).value == "合计"
    assert ws.cell(total, 9).value == float(3 * Decimal("76.35"))  # Money summed, not ints
