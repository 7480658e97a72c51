"""Monthly summaries (月度统计): what the paper published and what the unions did.

One package (a Django app, label `summaries`) answers every question the federation's
report asks, for the admin page, the Excel and CSV exports and `manage.py export_monthly`
alike:

- `periods`: the dates a report covers and the periods it is compared with;
- `scope`: the whole city or one union's subtree, and which stories and activities count;
- `figures`: `build_summary`, every table of figures of the report;
- `lists`: the period's stories and activities one row each, streamed for the exports;
- `notes`: the words printed under the tables and for an unknown figure, page and files alike;
- `charts`, `views`, `urls`, `templatetags/`: the admin page at /admin/summaries/;
- `exports/`: the xlsx and CSV files; `management/commands/export_monthly.py`: the same
  from a console;
- `models`: no table, only the permission `summaries.view_monthly_summary`.

This `__init__` imports nothing: Django imports it while the app registry loads.

Decisions the report depends on:

- **A story is in a period by the date of `published_at` in Asia/Shanghai**, not by the
  print edition date. Web-only stories have no printed page, `published()` (the one
  visibility rule) is about `published_at`, and the indexed column keeps the month's
  query cheap. Printed stories go online on the morning of their edition (the demo page:
  2024年1月23日 06:00), so for them both dates agree.
- **Stories come only from `Article.objects.published()`.** Activities count when they
  are `reported()`: told in at least one published story, like the figures readers see.
  An activity is in a period by its `start_date`.
- **见报 means printed.** The report's stories are every report the site published,
  printed or web-only (网站发布稿件): every table counts those. 见报稿件 are the ones of
  them printed on a page (`print_page` set), counted beside them in the same query; a
  web-only story (本网讯) is published, not 见报. No other figure is called 见报: an
  activity counts when a published story reports it (已报道), a gift's quantity is as
  the report gives it (报道中的数量).
- **Corrections are not stories of the report** (`without_corrections()`: kind 更正, or a
  link to the story corrected). A correction is a notice about a story already counted:
  it counts for no union, topic, kind or author, and the 稿件按体裁 table has no 更正 row.
- **A union is found by what staff type**: its id, full name, short name or an alias;
  else a part of one of them that points to one union (西城 → 西城区总工会, also when the
  part is in the names of unions below it). A part that fits several unrelated unions is
  refused with a message naming them, as every bad parameter is: the page answers 400.
- **Nothing is counted twice.** A story about three unions of one district counts once for
  that district, once per union level, once for the city. Per topic a story counts once,
  and a story filed under a sub-topic (职工书屋) also counts, once, for its parent
  (学习型组织), as the topic pages list it. Totals over overlapping groups (topics,
  districts, levels) are therefore not the sum of their rows; the tables say so.
- Every aggregate is one GROUP BY query with a conditional count per compared period
  (this period, the previous one, the same period last year), so the number of queries
  is fixed whatever the size of the archive.
- The story and activity lists are generators over keyset pages of plain values, so an
  export never holds more than one page of rows in memory.
"""
