"""The ranking as files staff hand on: an Excel workbook and CSV, both written from the
same tables (`tables`), so a figure cannot differ between them.

- `tables`: the tables, their columns and notes, the file names;
- `xlsx`: the workbook, written as the ranking reads the pieces (one pass);
- `csv_files`: one CSV per table, streamed, alone or in a zip or a directory.

The fee list (稿费清单, one row per adopted piece and correspondent) is the long one; it
streams in both formats, so memory does not grow with the number of pieces.
"""

from articles.scoring.exports.csv_files import (
    csv_filename,
    iter_csv,
    table_rows,
    write_csv_directory,
    write_csv_zip,
)
from articles.scoring.exports.tables import (
    CSV_CONTENT_TYPE,
    RATE_NOTE,
    ROLLUP_NOTE,
    TABLES,
    XLSX_CONTENT_TYPE,
    ZIP_CONTENT_TYPE,
    export_filename,
)
from articles.scoring.exports.xlsx import write_xlsx

__all__ = [
    "CSV_CONTENT_TYPE",
    "RATE_NOTE",
    "ROLLUP_NOTE",
    "TABLES",
    "XLSX_CONTENT_TYPE",
    "ZIP_CONTENT_TYPE",
    "csv_filename",
    "export_filename",
    "iter_csv",
    "table_rows",
    "write_csv_directory",
    "write_csv_zip",
    "write_xlsx",
]
