"""Copy in flight for the quick start's desks: a reporter's draft, a story waiting in
待审, one returned with the editor's reason, one waiting for 签发 and one scheduled for
tomorrow morning, each moved there through the workflow's services by the demo users,
so every desk (and the notices) has something to show on the first click.

Made once: a database that already has copy in flight is left as it is.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import Article, ArticleStatus
from articles.workflow import services

# (title, body, where it ends up)
IN_FLIGHT = [
    (
        "西城区总工会开展“两节”送温暖活动",
        "近日，西城区总工会走访慰问一线职工300名，送出慰问金15万元。\n"
        "## 走进一线\n"
        "慰问组先后来到环卫、公交、快递等行业的一线班组。",
        "draft",
    ),
    (
        "天桥街道职工书屋新添图书500册",
        "天桥街道总工会职工书屋日前新添图书500册，涵盖技能提升、文学、法律等类别。",
        "review",
    ),
    (
        "丰台区职工技能大赛落幕",
        "丰台区第十届职工技能大赛日前落幕，120名选手参加7个工种的比赛。",
        "returned",
    ),
    (
        "平谷区总工会为新就业形态劳动者建驿站",
        "平谷区总工会在城区建成10个户外劳动者服务驿站，提供饮水、休息、充电等服务。",
        "signoff",
    ),
    (
        "朝阳区总工会发布职工疗休养新线路",
        "朝阳区总工会近日发布2025年职工疗休养线路12条。",
        "scheduled",
    ),
]


def load_desk(now: datetime.datetime | None = None) -> int:
    """Put the demo copy in flight; returns how many stories were made (0 if any copy
    was already in flight or the demo users are missing)."""
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=["reporter", "editor", "chief"])
    }
    if (
        len(users) < 3
        or Article.objects.exclude(
            status__in=[ArticleStatus.PUBLISHED, ArticleStatus.WITHDRAWN]
        ).exists()
    ):
        return 0
    reporter, editor, chief = users["reporter"], users["editor"], users["chief"]
    now = now or timezone.now()
    for title, body, state in IN_FLIGHT:
        story = Article.objects.create(title=title, body=body, created_by=reporter)
        services.record_revision(story, user=reporter, note="新建")
        if state == "draft":
            continue
        services.submit(story, user=reporter)
        if state == "returned":
            services.return_to_reporter(story, user=editor, comment="请补充获奖选手的单位和名次")
        elif state in ("signoff", "scheduled"):
            services.pass_on(story, user=editor)
        if state == "scheduled":
            morning = timezone.localtime(now).replace(hour=8, minute=0, second=0, microsecond=0)
            services.schedule(story, user=chief, at=morning + datetime.timedelta(days=1))
    return len(IN_FLIGHT)
