"""The 宣传信息考核: points for the copy unions' correspondents (通讯员) supply, quarterly and
yearly rankings of unions and correspondents, the fee list (稿费清单) and the 通报.

One package (a Django app, label `scoring`) answers the admin page, the files and
`manage.py export_ranking` alike:

- `models`: the points table (`PointsRule`: 消息/通讯, 简讯, 图片 × 头版头条, 头版, 其他版, 网站,
  points and 稿费 in yuan), the policy (`ScoringPolicy`: 平分 or 各得全额, the year's honours,
  the 通报's 落款), both edited in the admin; `scoring.view_ranking` (统计, 总编辑);
- `periods`, `scope`: a quarter (2024Q1) or a year (2024); the city or one union's tree;
- `awards`: pieces and their points, read from the stories; `points_for()` for other rooms;
- `ranking`: `build_ranking`, unions per level with the tree's roll-up, correspondents,
  totals, the fee list, the year's 优秀通讯员 and 先进单位;
- `charts`, `views`, `urls`, `templatetags/`: /admin/scoring/ and the printable 通报;
- `exports/`: the xlsx and CSV files; `management/commands/export_ranking.py`.

This `__init__` imports nothing: Django imports it while the app registry loads.

Decisions the 考核 depends on:

- **Points are computed when asked, not stored.** A story's points follow from what it is
  now (kind, printed page and place, status, publication time, credits, 来稿单位) and the
  table now; a ranking reads them in one query per period. Nothing has to be kept in step
  with the stories: a story moved from 第3版 to 头版头条, withdrawn, re-credited, restored to
  an older revision, imported, or changed by a console `update()` counts anew in the next
  ranking, and no signal receiver writes anything (the house rule). The cost: a change of
  the table changes past periods too; a 通报 once issued is kept as its file.
- **A piece** is a story crediting a 通讯员 or naming a 来稿单位 (`Article.source_union`),
  corrections (更正, 说明) left out. It is **adopted** when `published()` (the one visibility
  rule) shows it, and it earns its points in the period of its `published_at` in
  Asia/Shanghai: a scheduled story counts from its time, a withdrawn one not at all.
- **Placement**: no printed page is 网站; 第1版 with 版内顺序 1 is 头版头条; the rest of 第1版 is
  头版; any other 版 is 其他版. A printed story scores for its print placement only.
- **Whose points**: the 来稿单位's when the story names one, else each correspondent's own
  union; a correspondent with no union and no 来稿单位 scores for no union. Several
  correspondents share a piece equally (平分, rounded to the fen) or each get it whole
  (各得全额), as `ScoringPolicy` says; the 稿费 follows the same rule. A piece with a 来稿单位
  and no 通讯员 credit scores for that union, with nobody to pay.
- **The roll-up**: a union's points are its own and every union's below it, found by the
  materialized path (no recursion). Each piece counts once per union on the way up: two
  correspondents of one street give the street and its district the piece once, in full;
  correspondents of two unions give each its share (平分) or the whole (各得全额).
- **Filed** (来稿) counts the pieces created in the period that have been sent (a 草稿 has
  not); the **rate** (采用率) is the share of those adopted by now, so it never passes 100%.
  **Adopted** (本期采用) counts the period's published pieces, which are what earn points.
- Rankings give tied places the same rank (1, 2, 2, 4); the year's honours take the top
  places of the correspondents and of each union level (`ScoringPolicy`), ties included.
- A ranking reads five queries whatever the size of the archive; the pieces stream and are
  summed as they come, the fee list streams into the files: memory does not grow with the
  number of stories.
"""
