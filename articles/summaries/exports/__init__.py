"""Monthly summaries as files staff hand on as they are: an Excel workbook and CSV.

- `tables`: the tables both formats write, so a figure cannot differ between them;
- `xlsx`: the workbook, streamed to disk row by row;
- `csv_files`: one CSV per table, streamed line by line, alone or in a zip.

No internal note of an activity is ever read here: the list rows do not carry it.
"""

from articles.summaries.exports.csv_files import (
    CSV_CONTENT_TYPE,
    CSV_LISTS,
    ZIP_CONTENT_TYPE,
    csv_filename,
    iter_csv,
    story_csv_rows,
    write_csv_directory,
    write_csv_zip,
)
from articles.summaries.exports.tables import export_filename
from articles.summaries.exports.xlsx import XLSX_CONTENT_TYPE, write_xlsx

__all__ = [
    "CSV_CONTENT_TYPE",
    "CSV_LISTS",
    "XLSX_CONTENT_TYPE",
    "ZIP_CONTENT_TYPE",
    "csv_filename",
    "export_filename",
    "iter_csv",
    "story_csv_rows",
    "write_csv_directory",
    "write_csv_zip",
    "write_xlsx",
]
