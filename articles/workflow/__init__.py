"""The editorial workflow: roles, states, revisions, preview links and no lost edit.

- `roles`: the four newsroom groups (记者, 编辑, 总编辑, 统计) and their permissions;
- `services`: one function per transition (submit, return, publish, schedule,
  unschedule, withdraw), each checking its permission and recording who, when, from, to;
  `save_article` (a content save: version bump and revision) and `restore_revision`;
- `snapshots`: an article with its credits, photos, unions, topics and tags as plain
  data, put back onto the article, and compared side by side;
- `locking`: the version check that refuses the second of two concurrent saves;
- `preview`: signed, expiring links that show a draft or a revision as readers will;
- `admin`: the history, diff and restore pages, and the audit list.

This `__init__` imports nothing: Django imports it while the app registry loads.
"""
