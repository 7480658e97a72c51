"""The desk's lists: one query each, whatever the number of stories.

Each returns at most `limit` rows, ordered as the desk shows them; who took a step and
when come as annotations (`articles.workflow.queries`), never a query per row. `now` is
read once per page and passed to every rule that asks for the time.
"""

import datetime

from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles.models import Article, ArticleStatus
from articles.workflow.models import Notice, TransitionAction
from articles.workflow.queries import latest_revision, latest_transition

S, A = ArticleStatus, TransitionAction

# Rows a list shows; the whole list is the story list, filtered (the desk links to it).
LIMIT = 20
RECENT = 10


# The columns the desk prints and nothing else: no body text for a list.
STORY_COLUMNS = (
    "pk",
    "title",
    "status",
    "published_at",
    "updated_at",
    "char_count",
    "created_by_id",
)


def _stories():
    return Article.objects.only(*STORY_COLUMNS)


# --- the reporter's own copy ---------------------------------------------------------------


def my_drafts(user, *, limit: int = LIMIT):
    return _stories().filter(created_by=user, status=S.DRAFT).order_by("-updated_at", "-pk")[:limit]


def returned_to_me(user, *, limit: int = LIMIT):
    """Own copy sent back, with the latest 退回's reason, who returned it and when."""
    return (
        _stories()
        .filter(created_by=user, status=S.RETURNED)
        .annotate(**latest_transition("returned", A.RETURN, comment=True))
        .order_by(F("returned_at").desc(nulls_last=True), "-pk")[:limit]
    )


def sent_by_me(user, now: datetime.datetime, *, limit: int = LIMIT):
    """Own copy out of the reporter's hands and not yet public: 待审, 待签发, 定时发布."""
    out = _stories().filter(status__in=[S.REVIEW, S.SIGNOFF]) | _stories().scheduled(now)
    return (
        out.filter(created_by=user)
        .annotate(**latest_transition("submitted", A.SUBMIT))
        .order_by(F("submitted_at").desc(nulls_last=True), "-pk")[:limit]
    )


def my_published(user, now: datetime.datetime, *, limit: int = RECENT):
    return (
        _stories().published(now).filter(created_by=user).order_by("-published_at", "-pk")[:limit]
    )


# --- the desk editor -----------------------------------------------------------------------


def review_queue(*, limit: int = LIMIT):
    """待审, oldest first by when it was sent (copy with no 提交 on record, e.g. from the
    page import, by when it was written)."""
    return (
        _stories()
        .filter(status=S.REVIEW)
        .annotate(**latest_transition("submitted", A.SUBMIT))
        .order_by(Coalesce("submitted_at", "created_at").asc(), "pk")[:limit]
    )


def editing_by_me(user, *, limit: int = LIMIT):
    """Copy on its way (待审, 待签发) whose latest revision this editor saved."""
    return (
        _stories()
        .filter(status__in=[S.REVIEW, S.SIGNOFF])
        .annotate(**latest_revision("edited"), **latest_transition("submitted", A.SUBMIT))
        .filter(edited_by_id=user.pk)
        .order_by("-edited_at", "-pk")[:limit]
    )


def scheduled(now: datetime.datetime, *, until=None, limit: int = LIMIT):
    """定时发布, soonest first, with who signed it off; `until`: only before that time."""
    stories = _stories().scheduled(now)
    if until is not None:
        stories = stories.filter(published_at__lt=until)
    return stories.annotate(**latest_transition("signed", A.SCHEDULE)).order_by(
        "published_at", "pk"
    )[:limit]


# --- the chief editor ----------------------------------------------------------------------


def signoff_queue(*, limit: int = LIMIT):
    """待签发, oldest first by when it was passed on (审毕送签)."""
    return (
        _stories()
        .filter(status=S.SIGNOFF)
        # The copy desk's last check: an error stops 签发 (unless overridden with a reason).
        .select_related("copy_check")
        .only(*STORY_COLUMNS, "copy_check__errors", "copy_check__warnings")
        .annotate(**latest_transition("passed", A.PASS))
        .order_by(Coalesce("passed_at", "updated_at").asc(), "pk")[:limit]
    )


def end_of_day(now: datetime.datetime) -> datetime.datetime:
    """Midnight after `now` in the newsroom's time zone (Asia/Shanghai, TIME_ZONE)."""
    local = timezone.localtime(now)
    return local.replace(hour=0, minute=0, second=0, microsecond=0) + datetime.timedelta(days=1)


def scheduled_today(now: datetime.datetime, *, limit: int = LIMIT):
    return scheduled(now, until=end_of_day(now), limit=limit)


def recently_published(now: datetime.datetime, *, limit: int = RECENT):
    """The latest public stories, with who signed them off (签发 or 定时签发)."""
    return (
        _stories()
        .published(now)
        .annotate(**latest_transition("signed", A.PUBLISH, A.SCHEDULE))
        .order_by("-published_at", "-pk")[:limit]
    )


def recently_withdrawn(*, limit: int = RECENT):
    return (
        _stories()
        .filter(status=S.WITHDRAWN)
        .annotate(**latest_transition("withdrawn", A.WITHDRAW, comment=True))
        .order_by(Coalesce("withdrawn_at", "updated_at").desc(), "-pk")[:limit]
    )


# --- everyone ------------------------------------------------------------------------------


def unread_notices(user, *, limit: int = LIMIT):
    """Newest first; the story's title is in the notice's text, so no join."""
    return Notice.objects.filter(recipient=user, read_at__isnull=True).order_by(
        "-created_at", "-pk"
    )[:limit]
