"""The copy desk (校对): house-style and compliance checks of a story's copy before 签发,
and the figures read from it.

- `findings`: `Finding` (check, level, place in the text, message, replacement) and
  `Figure` (5万余元 → 50000 元, qualifier 余), plain data;
- `checks/`: one module per check, pure Python over a text: `dateline` (本报讯（记者 X）,
  photo credits), `punctuation`, `numbers` (dates, times and numbers in the house forms),
  `unionnames` (against the union tree), and `terms` (the list staff edit, matched on
  word boundaries); `engine.check_text` runs them all;
- `figures`: amounts and counts read from the copy;
- `models`: `Term` (the list), `StoryCheck` (a story's last check, for lists);
- `services`: the rules as the database holds them now, `check_article`, `open_errors`
  (the workflow asks it at 签发);
- `admin`, `management/commands/check_copy.py`.

This `__init__` imports nothing: Django imports it while the app registry loads.
"""
