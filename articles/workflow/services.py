"""The editorial workflow's writes: one function per transition, each with its permission
check, and the content save that keeps a revision.

    draft ──submit──▶ review ──publish──▶ published ──withdraw──▶ withdrawn
      ▲                 │ └──schedule──▶ (scheduled) ─unschedule─▶ review
      └────return───────┘

"Scheduled" is `published` with a future `published_at`: `ArticleQuerySet.published()`
decides visibility at query time, so nothing has to run at the scheduled minute.
The admin, the page import and the tests all come through here.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from articles.models import CHANGE_ANY_ARTICLE, PUBLISH_ARTICLE, Article, ArticleStatus
from articles.search.index import update_article as update_search_index
from articles.workflow import snapshots
from articles.workflow.models import Revision, Transition, TransitionAction

PUBLISH = PUBLISH_ARTICLE
CHANGE = "articles.change_article"
CHANGE_ANY = CHANGE_ANY_ARTICLE

# The name of the admin's submit buttons that ask for a transition along with the save.
TRANSITION_FIELD = "_transition"


def can_edit(user, article: Article) -> bool:
    """May the user change this story's content (or restore one of its revisions)?

    Whose copy is whose is `ArticleQuerySet.editable_by` (reporters their own, editors
    all); once signed off (published, scheduled or withdrawn), only those who may
    publish (the chief editor corrects published stories).
    """
    if article.pk is None:
        return user.has_perm("articles.add_article")
    if article.is_signed_off:
        return user.has_perm(PUBLISH)
    if not user.has_perm(CHANGE):
        return False
    return Article.objects.editable_by(user).filter(pk=article.pk).exists()


@dataclass(frozen=True)
class Rule:
    """A transition: the states it leaves, the state it reaches, who may take it."""

    sources: frozenset
    target: str
    allowed: Callable[..., bool]  # (user, article) -> bool

    def applies_to(self, article: Article) -> bool:
        return article.status in self.sources


S = ArticleStatus


def _may_publish(user, _article) -> bool:
    return user.has_perm(PUBLISH)


RULES = {
    TransitionAction.SUBMIT: Rule(frozenset({S.DRAFT}), S.REVIEW, can_edit),
    TransitionAction.RETURN: Rule(
        frozenset({S.REVIEW}), S.DRAFT, lambda user, _: user.has_perm(CHANGE_ANY)
    ),
    TransitionAction.PUBLISH: Rule(
        frozenset({S.DRAFT, S.REVIEW, S.WITHDRAWN}),
        S.PUBLISHED,
        lambda user, _: user.has_perm(PUBLISH),
    ),
    TransitionAction.SCHEDULE: Rule(frozenset({S.DRAFT, S.REVIEW}), S.PUBLISHED, _may_publish),
    TransitionAction.UNSCHEDULE: Rule(
        frozenset({S.PUBLISHED}),
        S.REVIEW,
        lambda user, article: user.has_perm(PUBLISH) and article.is_scheduled,
    ),
    TransitionAction.WITHDRAW: Rule(
        frozenset({S.PUBLISHED}),
        S.WITHDRAWN,
        lambda user, article: user.has_perm(PUBLISH) and article.is_public,
    ),
}


def allowed_actions(article: Article, user) -> list[str]:
    """The transitions this user may take on this story now, in the order the admin
    shows their buttons."""
    return [
        action
        for action, rule in RULES.items()
        if rule.applies_to(article) and rule.allowed(user, article)
    ]


def schedule_time_problem(publish_at: datetime.datetime | None) -> str:
    """Why a story cannot be scheduled for this time, or "" (the form shows it too)."""
    if publish_at is None:
        return "定时签发需要填写发布时间。"
    if publish_at <= timezone.now():
        return "定时发布时间必须晚于现在；立即发布请点“签发”。"
    return ""


def check_transition(article: Article, action: str, user, *, publish_at=None) -> None:
    """Refuse a transition the user may not take (PermissionDenied) or that does not fit
    the story's state or the given time (ValidationError, in Chinese)."""
    rule = RULES.get(action)
    if rule is None:
        raise ValidationError("未知的操作。")
    label = TransitionAction(action).label
    if not rule.applies_to(article):
        raise ValidationError(f"稿件当前状态为“{article.get_status_display()}”，不能{label}。")
    if not rule.allowed(user, article):
        raise PermissionDenied(f"您没有权限{label}这篇稿件。")
    if action == TransitionAction.SCHEDULE and (problem := schedule_time_problem(publish_at)):
        raise ValidationError({"publish_at": problem})


@transaction.atomic
def take_transition(
    article: Article,
    action: str,
    *,
    user,
    publish_at: datetime.datetime | None = None,
    comment: str = "",
) -> Transition:
    """Move the story to the action's state and record who, when, from, to and why."""
    check_transition(article, action, user, publish_at=publish_at)
    rule = RULES[action]
    source = article.status
    article.status = rule.target
    if action == TransitionAction.PUBLISH:
        article.published_at = timezone.now()
    elif action == TransitionAction.SCHEDULE:
        article.published_at = publish_at
    elif action == TransitionAction.UNSCHEDULE:
        article.published_at = None
    article.save(update_fields=["status", "published_at", "updated_at"])
    update_search_index(article)  # same transaction as the state it records
    return Transition.objects.create(
        article=article,
        action=action,
        from_status=source,
        to_status=article.status,
        user=user,
        publish_at=article.published_at if rule.target == S.PUBLISHED else None,
        revision=article.version or None,
        comment=comment[:200],
    )


def submit(article: Article, *, user, comment: str = "") -> Transition:
    return take_transition(article, TransitionAction.SUBMIT, user=user, comment=comment)


def return_to_draft(article: Article, *, user, comment: str = "") -> Transition:
    return take_transition(article, TransitionAction.RETURN, user=user, comment=comment)


def publish(article: Article, *, user, comment: str = "") -> Transition:
    return take_transition(article, TransitionAction.PUBLISH, user=user, comment=comment)


def schedule(article: Article, *, user, at: datetime.datetime, comment: str = "") -> Transition:
    return take_transition(
        article, TransitionAction.SCHEDULE, user=user, publish_at=at, comment=comment
    )


def unschedule(article: Article, *, user, comment: str = "") -> Transition:
    return take_transition(article, TransitionAction.UNSCHEDULE, user=user, comment=comment)


def withdraw(article: Article, *, user, comment: str = "") -> Transition:
    return take_transition(article, TransitionAction.WITHDRAW, user=user, comment=comment)


# --- Revisions --------------------------------------------------------------------------------


@transaction.atomic
def record_revision(article: Article, *, user, note: str = "") -> Revision:
    """Keep the article as it is now (after its credits and links were saved) as its next
    revision; the article's version becomes that revision's number."""
    Article.objects.filter(pk=article.pk).update(version=F("version") + 1)
    article.version = Article.objects.values_list("version", flat=True).get(pk=article.pk)
    update_search_index(article)  # every content save, import and restore comes through here
    return Revision.objects.create(
        article=article,
        number=article.version,
        created_by=user,
        note=note,
        data=snapshots.take(article),
    )


@transaction.atomic
def restore_revision(article: Article, revision: Revision, *, user) -> Revision:
    """Bring back the text, credits, photos, unions, topics and tags of `revision`, as a
    new revision; the story's state and publication time stay as they are."""
    if revision.article_id != article.pk:
        raise ValidationError("这个版本不属于这篇稿件。")
    if not can_edit(user, article):
        raise PermissionDenied("您没有权限恢复这篇稿件的版本。")
    snapshots.put_back(article, revision.data)
    restored = record_revision(article, user=user, note=f"恢复第{revision.number}版")
    Transition.objects.create(
        article=article,
        action=TransitionAction.RESTORE,
        from_status=article.status,
        to_status=article.status,
        user=user,
        revision=restored.number,
        comment=f"恢复为第{revision.number}版",
    )
    return restored
