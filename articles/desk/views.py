"""The editors' desk (工作台): the admin's first page, showing each person the lists their
role works from, and the POST that marks their notices read.

| part | shown to (permission) | lists |
|---|---|---|
| 通知 | everyone | their unread notices |
| 签发 | 总编辑 (`articles.publish_article`) | 待签发, 今日定时, 最近发布, 最近撤稿 |
| 审稿 | 编辑 (`articles.change_any_article`) | 待审, 我在编辑, 定时发布 |
| 我的稿件 | 记者 (`articles.add_article` without the above) | 草稿, 已退回, 已送出, 最近发布 |
| 月度统计 | 统计 (`summaries.view_monthly_summary`) | this and last month's summary, its files |

A person with several roles sees each of their parts. Editors write copy too, but their
own drafts are in the story list: the reporter's part would repeat the desk's queues.
Every list is one query (`queues.py`), so the page's query count does not grow with the
number of stories.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from articles.desk import queues
from articles.models import CHANGE_ANY_ARTICLE, PUBLISH_ARTICLE, Article
from articles.safety.keys import is_key
from articles.templatetags.site import cn_minute
from articles.workflow import notices
from articles.workflow.models import Notice
from articles.workflow.queries import taken_by

ADD_ARTICLE = "articles.add_article"
VIEW_RANKING = "scoring.view_ranking"
VIEW_SUMMARY = "summaries.view_monthly_summary"


@dataclass(frozen=True)
class Row:
    story: Article
    url: str
    cells: list[tuple[str, object]]  # (header, value): a narrow screen prints each cell's header


@dataclass(frozen=True)
class Table:
    """One list of the desk: a caption, the headers after 标题, its rows."""

    key: str  # the table's id on the page
    caption: str
    headers: list[str]
    rows: list[Row]
    empty: str  # what an empty list says
    note: str = ""  # how the list is ordered, when that is the point of it
    more_url: str = ""  # the whole list, when the desk shows only its head


@dataclass(frozen=True)
class Part:
    key: str
    heading: str
    tables: list[Table] = field(default_factory=list)


# --- how the desk prints things ---------------------------------------------------------------


def state(story: Article, now: datetime.datetime) -> str:
    if story.is_scheduled:
        return f"定时发布（{cn_minute(story.published_at, now)}）"
    return story.get_status_display()


def change_url(story: Article) -> str:
    return reverse("admin:articles_article_change", args=[story.pk])


def list_url(status: str) -> str:
    """The story list filtered to one state (its 状态 filter, `articles.admin`)."""
    return f"{reverse('admin:articles_article_changelist')}?status={status}"


# A list's own columns, between 状态 and 字数: (header, what a story shows in it).
def who(prefix: str):
    return lambda story: taken_by(story, prefix) or "—"


def when(name: str, now: datetime.datetime):
    return lambda story: cn_minute(getattr(story, name), now)


def copy_check(story: Article) -> str:
    """The copy desk's last check, as the story list's 校对 column says it."""
    check = getattr(story, "copy_check", None)
    if check is None:
        return "—"
    if check.errors:
        return f"{check.errors}处错误"
    return f"{check.warnings}处提示" if check.warnings else "无问题"


def text(name: str):
    return lambda story: getattr(story, name) or "—"


def table(key, caption, stories, columns, now, *, empty, limit, note="", more_url="") -> Table:
    """A table of at most `limit` stories: 标题, 状态, `columns`, 字数. The queue was
    asked for one more row, which says whether the desk shows only its head."""
    stories = list(stories)
    headers = ["状态", *(header for header, _ in columns), "字数"]

    def cells(story):
        values = [state(story, now), *(show(story) for _, show in columns), story.char_count]
        return list(zip(headers, values, strict=True))

    rows = [Row(story, change_url(story), cells(story)) for story in stories[:limit]]
    return Table(
        key=key,
        caption=caption,
        headers=headers,
        rows=rows,
        empty=empty,
        note=note,
        more_url=more_url if len(stories) > limit else "",
    )


# --- the parts ------------------------------------------------------------------------------

LIMIT, RECENT = queues.LIMIT, queues.RECENT


def chief_part(now) -> Part:
    signed = [("签发人", who("signed")), ("发布时间", when("published_at", now))]
    return Part(
        "signoff",
        "签发",
        [
            table(
                "desk-signoff",
                "待签发",
                queues.signoff_queue(limit=LIMIT + 1),
                [
                    ("送签人", who("passed")),
                    ("送签时间", when("passed_at", now)),
                    ("校对", copy_check),
                ],
                now,
                empty="没有待签发的稿件。",
                limit=LIMIT,
                note="先送先签",
                more_url=list_url("signoff"),
            ),
            table(
                "desk-today",
                "今日定时发布",
                queues.scheduled_today(now, limit=LIMIT + 1),
                signed,
                now,
                empty="今天没有定时发布的稿件。",
                limit=LIMIT,
                more_url=list_url("scheduled"),
            ),
            table(
                "desk-published",
                "最近发布",
                queues.recently_published(now, limit=RECENT),
                signed,
                now,
                empty="还没有发布的稿件。",
                limit=RECENT,
            ),
            table(
                "desk-withdrawn",
                "最近撤稿",
                queues.recently_withdrawn(limit=RECENT),
                [
                    ("撤稿人", who("withdrawn")),
                    ("撤稿时间", when("withdrawn_at", now)),
                    ("原因", text("withdrawn_comment")),
                ],
                now,
                empty="没有撤下的稿件。",
                limit=RECENT,
            ),
        ],
    )


def editor_part(user, now) -> Part:
    return Part(
        "review",
        "审稿",
        [
            table(
                "desk-review",
                "待审",
                queues.review_queue(limit=LIMIT + 1),
                [("送审人", who("submitted")), ("送审时间", when("submitted_at", now))],
                now,
                empty="没有待审的稿件。",
                limit=LIMIT,
                note="先送先审",
                more_url=list_url("review"),
            ),
            table(
                "desk-editing",
                "我在编辑",
                queues.editing_by_me(user, limit=LIMIT + 1),
                [("送审人", who("submitted")), ("我最后保存", when("edited_at", now))],
                now,
                empty="没有您最后修改过的在审稿件。",
                limit=LIMIT,
            ),
            table(
                "desk-scheduled",
                "定时发布",
                queues.scheduled(now, limit=LIMIT + 1),
                [("签发人", who("signed")), ("发布时间", when("published_at", now))],
                now,
                empty="没有定时发布的稿件。",
                limit=LIMIT,
                more_url=list_url("scheduled"),
            ),
        ],
    )


def reporter_part(user, now) -> Part:
    return Part(
        "mine",
        "我的稿件",
        [
            table(
                "desk-returned",
                "已退回",
                queues.returned_to_me(user, limit=LIMIT + 1),
                [
                    ("退回人", who("returned")),
                    ("退回时间", when("returned_at", now)),
                    ("退回原因", text("returned_comment")),
                ],
                now,
                empty="没有退回的稿件。",
                limit=LIMIT,
                more_url=list_url("returned"),
            ),
            table(
                "desk-drafts",
                "我的草稿",
                queues.my_drafts(user, limit=LIMIT + 1),
                [("修改时间", when("updated_at", now))],
                now,
                empty="没有草稿。",
                limit=LIMIT,
                more_url=list_url("draft"),
            ),
            table(
                "desk-sent",
                "已送出",
                queues.sent_by_me(user, now, limit=LIMIT + 1),
                [("送审时间", when("submitted_at", now))],
                now,
                empty="没有在审或待发布的稿件。",
                limit=LIMIT,
            ),
            table(
                "desk-my-published",
                "最近发布",
                queues.my_published(user, now, limit=RECENT),
                [("发布时间", when("published_at", now))],
                now,
                empty="还没有发布的稿件。",
                limit=RECENT,
            ),
        ],
    )


def add_months(day: datetime.date, delta: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + delta
    return datetime.date(index // 12, index % 12 + 1, 1)


def summary_links(now) -> list[tuple[str, str]]:
    """This month's and last month's 月度统计 and last month's files (the summaries'
    URLs by name: the desk imports nothing of that room)."""
    this_month = timezone.localtime(now).date().replace(day=1)
    last_month = add_months(this_month, -1)
    page, files = reverse("summaries:monthly"), reverse("summaries:export")
    last = f"month={last_month:%Y-%m}"
    return [
        (f"上月（{last_month.year}年{last_month.month}月）月度统计", f"{page}?{last}"),
        (
            f"本月（{this_month.year}年{this_month.month}月）至今",
            f"{page}?month={this_month:%Y-%m}",
        ),
        ("下载上月统计表（Excel）", f"{files}?{last}&format=xlsx"),
        ("下载上月清单（CSV 压缩包）", f"{files}?{last}&format=csv"),
        ("选择其他时段或单位", page),
    ]


def ranking_links(now) -> list[tuple[str, str]]:
    """This quarter's and last quarter's 宣传信息考核 and its 通报 (by URL name: the desk
    imports nothing of the scoring room)."""
    today = timezone.localtime(now).date()
    quarter = (today.month - 1) // 3 + 1
    last_year, last_quarter = (today.year, quarter - 1) if quarter > 1 else (today.year - 1, 4)
    page, notice = reverse("scoring:ranking"), reverse("scoring:notice")
    this, last = f"period={today.year}Q{quarter}", f"period={last_year}Q{last_quarter}"
    return [
        (f"本季度（{today.year}年第{quarter}季度）宣传信息考核", f"{page}?{this}"),
        (f"上季度（{last_year}年第{last_quarter}季度）考核", f"{page}?{last}"),
        ("上季度通报（可打印）", f"{notice}?{last}"),
    ]


def desk_context(request) -> dict:
    """What the admin's index page adds for the desk (`sites.NewsroomAdminSite.index`)."""
    user, now = request.user, timezone.now()
    parts = []
    if user.has_perm(PUBLISH_ARTICLE):
        parts.append(chief_part(now))
    if user.has_perm(CHANGE_ANY_ARTICLE):
        parts.append(editor_part(user, now))
    elif user.has_perm(ADD_ARTICLE):
        parts.append(reporter_part(user, now))
    unread = list(queues.unread_notices(user, limit=LIMIT + 1))
    return {
        "desk_parts": parts,
        "desk_notices": [(notice, cn_minute(notice.created_at, now)) for notice in unread[:LIMIT]],
        "desk_more_notices": len(unread) > LIMIT,
        "desk_summaries": summary_links(now) if user.has_perm(VIEW_SUMMARY) else [],
        "desk_rankings": ranking_links(now) if user.has_perm(VIEW_RANKING) else [],
    }


@require_POST
def mark_notices_read(request):
    """标为已读: the notices whose ids the form sends (one, or every one the desk showed);
    another person's notices are left alone (`notices.mark_read`)."""
    key = Notice._meta.pk
    ids = [int(value) for value in request.POST.getlist("notice") if is_key(key, value)]
    done = notices.mark_read(request.user, ids) if ids else 0
    if done:
        messages.success(request, f"已将 {done} 条通知标为已读。")
    return redirect(reverse("admin:index") + "#desk-notices")
