"""The page import (版面导入): an e-paper page dump becomes draft articles.

- `parser/`: pure Python, no Django: the dump -> `ParsedPage`, one module per stage;
- `services`: the database side: union names, topics and straps for the parser,
  `save_page()` in one transaction, duplicate warnings;
- `forms`, `admin`: the admin's import screen (paste or upload, preview, confirm);
- `copy_checks`: the copy desk's findings and figures for each story of a preview, and
  how many saved stories have copy errors, for the messages and the commands;
- `management/commands/import_page.py`: the same from a console, with `--dry-run --json`.

The `PageImport` record itself stays a model of `articles` (each article points at the
import it came from). This `__init__` imports nothing: Django imports it while loading apps.
"""
