"""The newsroom's roles as Django groups, each with exactly the permissions it needs.

| group | who | may |
|---|---|---|
| 记者 | reporters | write, submit and call back their own copy; delete their drafts |
| 编辑 | desk editors | correct all copy, submit or return it, prepare pages, enter |
|   |   | activities, keep the copy desk's term list |
| 总编辑 | the duty chief editor | as 编辑; publish, schedule, withdraw; the 考核 rankings; |
|   |   | publish past a copy error, with a reason |
| 统计 | federation staff | the monthly summaries, the 考核 rankings and its points table |
| 通讯员 | unions' correspondents (not staff) | file, call back, delete pieces (/contribute/) |

Ownership is not a permission: a reporter's `change_article` reaches only the stories they
created (`ArticleQuerySet.editable_by`, which the admin lists and `can_edit` asks);
`change_any_article` lifts that.
`sync_roles()` is idempotent; a change to ROLES comes with a migration that calls it again.
"""

REPORTER, EDITOR, CHIEF_EDITOR, STATISTICS = "记者", "编辑", "总编辑", "统计"
CORRESPONDENT = "通讯员"

_REPORTER = [
    "articles.add_article",
    "articles.change_article",
    "articles.view_article",
    # Their own drafts only (`workflow.services.can_delete`); never signed-off copy.
    "articles.delete_article",
    "articles.add_credit",
    "articles.change_credit",
    "articles.delete_credit",
    "articles.view_credit",
    "articles.add_photo",
    "articles.change_photo",
    "articles.delete_photo",
    "articles.view_photo",
    # Credits pick contributors by autocomplete; a new correspondent is added on the spot.
    "articles.add_contributor",
    "articles.view_contributor",
    # Autocompletes of the article form need to read these.
    "articles.view_topic",
    "articles.view_column",
    "articles.view_printpage",
    "unions.view_union",
]
_EDITOR = [
    *_REPORTER,
    "articles.change_any_article",
    "articles.change_contributor",
    "articles.add_column",
    "articles.change_column",
    "articles.add_printpage",
    "articles.change_printpage",
    "articles.add_pageimport",
    "articles.view_pageimport",
    "articles.add_activity",
    "articles.change_activity",
    "articles.delete_activity",
    "articles.view_activity",
    "articles.add_giftline",
    "articles.change_giftline",
    "articles.delete_giftline",
    "articles.view_giftline",
    # The unions' correspondents and their sign-up links (articles/contribute/admin.py).
    "contribute.add_correspondent",
    "contribute.change_correspondent",
    "contribute.view_correspondent",
    "contribute.add_invitation",
    "contribute.change_invitation",
    "contribute.view_invitation",
    # The copy desk's list of 禁用词, 规范写法 and 慎用词 (reporters see the findings only).
    "copydesk.add_term",
    "copydesk.change_term",
    "copydesk.delete_term",
    "copydesk.view_term",
]
_CHIEF_EDITOR = [
    *_EDITOR,
    "articles.publish_article",
    "articles.add_topic",
    "articles.change_topic",
    "workflow.view_transition",
    "scoring.view_ranking",
    # 签发 past an open copy error, with the reason the audit keeps.
    "copydesk.override_copy_check",
]
_STATISTICS = [
    "summaries.view_monthly_summary",
    # The 宣传信息考核: rankings, 通报 and files; the points table and the policy they keep.
    "scoring.view_ranking",
    "scoring.view_pointsrule",
    "scoring.change_pointsrule",
    "scoring.view_scoringpolicy",
    "scoring.change_scoringpolicy",
]
# Their own pieces only (`editable_by`, `can_edit`): the contribution desk files them
# through the workflow's services; without is_staff the admin stays closed to them.
_CORRESPONDENT = [
    "articles.add_article",
    "articles.change_article",
    "articles.view_article",
    # A piece they called back (草稿) and no longer want (`workflow.services.can_delete`).
    "articles.delete_article",
]

ROLES: dict[str, list[str]] = {
    REPORTER: _REPORTER,
    EDITOR: _EDITOR,
    CHIEF_EDITOR: _CHIEF_EDITOR,
    STATISTICS: _STATISTICS,
    CORRESPONDENT: _CORRESPONDENT,
}


def sync_roles(apps) -> None:
    """Create the groups and give each exactly its permissions (`apps`: the app registry,
    or a migration's historical one).

    A permission of an app whose migrations have not run yet (an early migration on a
    fresh database) is left out: that app's migration that creates it calls this again.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            found = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if found is not None:
                wanted.append(found)
        group.permissions.set(wanted)
