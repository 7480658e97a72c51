"""The editorial workflow's writes: one function per transition, each with its permission
check, and the content save that keeps a revision.

    草稿 ──提交待审──▶ 待审 ──审毕送签──▶ 待签发 ──签发──▶ 已发布 ──撤稿──▶ 已撤稿
     ▲                 │ │                │ └──定时签发──▶ (定时) ──撤回定时──▶ 待签发
     └──────收回───────┘ │                │
                         ▼                ▼
    已退回 ◀───────────退回修改──────────────┘        (from 已退回: 提交待审 again)

The chief editor may also publish or schedule straight from 草稿 or 待审. A reporter
changes their copy only while it is theirs (草稿, 已退回) and may call it back (收回)
until an editor has taken it up (saved a change to it). Every transition tells the
people it concerns (notices.py).

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

from articles.copydesk import services as copydesk
from articles.models import CHANGE_ANY_ARTICLE, PUBLISH_ARTICLE, Article, ArticleStatus
from articles.search.index import update_article as update_search_index
from articles.workflow import notices, snapshots
from articles.workflow.models import Revision, Transition, TransitionAction

PUBLISH = PUBLISH_ARTICLE
# 签发 past an open copy error, with a reason (the 总编辑's).
OVERRIDE_COPY_CHECK = "copydesk.override_copy_check"
# The transitions that put copy in front of readers: the copy desk's errors stop them.
GOING_OUT = frozenset({TransitionAction.PUBLISH, TransitionAction.SCHEDULE})
CHANGE = "articles.change_article"
CHANGE_ANY = CHANGE_ANY_ARTICLE

# The name of the admin's submit buttons that ask for a transition along with the save.
TRANSITION_FIELD = "_transition"


# The states in which copy is still its reporter's to change, call back or delete.
WITH_REPORTER = frozenset({ArticleStatus.DRAFT, ArticleStatus.RETURNED})


def can_edit(user, article: Article) -> bool:
    """May the user change this story's content (or restore one of its revisions)?

    Whose copy is whose is `ArticleQuerySet.editable_by` (reporters their own, editors
    all); a reporter's copy is theirs only until they send it (草稿, 已退回); once signed
    off (published, scheduled or withdrawn), only those who may publish (the chief
    editor corrects published stories).
    """
    if article.pk is None:
        return user.has_perm("articles.add_article")
    if article.is_signed_off:
        return user.has_perm(PUBLISH)
    if not user.has_perm(CHANGE):
        return False
    if user.has_perm(CHANGE_ANY):
        return True
    return article.status in WITH_REPORTER and _owns(user, article)


def _owns(user, article: Article) -> bool:
    """Is this copy the user's by the one ownership rule (`editable_by`)?"""
    return Article.objects.editable_by(user).filter(pk=article.pk).exists()


def can_delete(user, article: Article) -> bool:
    """Only copy that never went out is deleted: a reporter their own draft, the chief
    editor any copy not signed off. A signed-off story is withdrawn instead (its address
    answers 410); only a superuser deletes it."""
    if user.is_superuser:
        return True
    if article.is_signed_off or not user.has_perm("articles.delete_article"):
        return False
    if user.has_perm(PUBLISH):
        return True
    # Their own draft: one they wrote (an editor works on everyone's copy, but deletes
    # only their own).
    return article.status in WITH_REPORTER and article.created_by_id == user.pk


def taken_up(article: Article) -> bool:
    """Has someone other than the reporter saved a change since the story was sent?"""
    sent = (
        Transition.objects.filter(article=article, action=TransitionAction.SUBMIT)
        .order_by("-at", "-id")
        .values_list("at", flat=True)
        .first()
    )
    later = Revision.objects.filter(article=article, created_by__isnull=False).exclude(
        created_by_id=article.created_by_id
    )
    if sent is not None:
        later = later.filter(created_at__gt=sent)
    return later.exists()


def _may_recall(user, article: Article) -> bool:
    return article.created_by_id == user.pk and not taken_up(article)


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


def _may_edit_any(user, _article) -> bool:
    return user.has_perm(CHANGE_ANY)


RULES = {
    TransitionAction.SUBMIT: Rule(frozenset(WITH_REPORTER), S.REVIEW, can_edit),
    TransitionAction.RECALL: Rule(frozenset({S.REVIEW}), S.DRAFT, _may_recall),
    TransitionAction.PASS: Rule(frozenset({S.REVIEW}), S.SIGNOFF, _may_edit_any),
    TransitionAction.RETURN: Rule(frozenset({S.REVIEW, S.SIGNOFF}), S.RETURNED, _may_edit_any),
    # A correspondent's piece the paper does not take (未采用), with the reason.
    TransitionAction.DECLINE: Rule(
        frozenset({S.REVIEW, S.SIGNOFF}),
        S.DECLINED,
        lambda user, article: user.has_perm(CHANGE_ANY) and article.source_union_id is not None,
    ),
    TransitionAction.PUBLISH: Rule(
        frozenset({S.DRAFT, S.RETURNED, S.REVIEW, S.SIGNOFF, S.WITHDRAWN}),
        S.PUBLISHED,
        _may_publish,
    ),
    TransitionAction.SCHEDULE: Rule(
        frozenset({S.DRAFT, S.RETURNED, S.REVIEW, S.SIGNOFF}), S.PUBLISHED, _may_publish
    ),
    TransitionAction.UNSCHEDULE: Rule(
        frozenset({S.PUBLISHED}),
        S.SIGNOFF,
        lambda user, article: user.has_perm(PUBLISH) and article.is_scheduled,
    ),
    TransitionAction.WITHDRAW: Rule(
        frozenset({S.PUBLISHED}),
        S.WITHDRAWN,
        lambda user, article: user.has_perm(PUBLISH) and article.is_public,
    ),
}


# Transitions that need a reason (退回: what to fix; 撤稿: why readers lose the story).
NEEDS_REASON = {
    TransitionAction.RETURN: "退回时请写明原因，记者会在自己的工作台上看到。",
    TransitionAction.DECLINE: "不采用时请写明原因，通讯员会看到。",
    TransitionAction.WITHDRAW: "撤稿时请写明原因，记入流程记录。",
}
# Transitions that change nothing in the copy: taken from a page of their own with a
# confirmation (the story's title, and the reason where one is needed), not by saving
# the form. A reporter calls back copy they may no longer edit.
CONFIRMED = frozenset({TransitionAction.RECALL, TransitionAction.WITHDRAW})


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


def check_transition(
    article: Article, action: str, user, *, publish_at=None, comment: str = ""
) -> None:
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
    if action in NEEDS_REASON and not comment.strip():
        raise ValidationError({"transition_comment": NEEDS_REASON[action]})


def copy_gate(article: Article, action: str, user, *, override: str = "", fields=None) -> list:
    """The copy errors a 签发 or 定时签发 would pass, refused unless the user may override
    them and gave a reason (ValidationError on `copy_override`). `fields`: the copy a form
    is about to save, instead of the story's as stored. Warnings never stop it."""
    if action not in GOING_OUT:
        return []
    errors = copydesk.open_errors(article, fields)
    if not errors:
        return []
    listed = copydesk.describe(errors)
    if not user.has_perm(OVERRIDE_COPY_CHECK):
        raise ValidationError(
            {"copy_override": f"稿件还有校对错误，请先改正（只有总编辑可写明理由后越过）：{listed}"}
        )
    if not override.strip():
        raise ValidationError(
            {
                "copy_override": "稿件还有校对错误：请先改正，或在“越过校对的理由”中写明"
                f"理由后再{TransitionAction(action).label}。{listed}"
            }
        )
    return errors


@transaction.atomic
def take_transition(
    article: Article,
    action: str,
    *,
    user,
    publish_at: datetime.datetime | None = None,
    comment: str = "",
    copy_override: str = "",
) -> Transition:
    """Move the story to the action's state and record who, when, from, to and why; a
    签发 past copy errors records the reason and the errors too."""
    check_transition(article, action, user, publish_at=publish_at, comment=comment)
    overridden = copy_gate(article, action, user, override=copy_override)
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
    done = Transition.objects.create(
        article=article,
        action=action,
        from_status=source,
        to_status=article.status,
        user=user,
        publish_at=article.published_at if rule.target == S.PUBLISHED else None,
        revision=article.version or None,
        comment=comment.strip()[:200],
        copy_override=copy_override.strip()[:200] if overridden else "",
        overridden_findings=[item.as_json() for item in overridden],
    )
    notices.notify(done)
    return done


def submit(article: Article, *, user, comment: str = "") -> Transition:
    return take_transition(article, TransitionAction.SUBMIT, user=user, comment=comment)


def recall(article: Article, *, user, comment: str = "") -> Transition:
    return take_transition(article, TransitionAction.RECALL, user=user, comment=comment)


def return_to_reporter(article: Article, *, user, comment: str) -> Transition:
    return take_transition(article, TransitionAction.RETURN, user=user, comment=comment)


def decline(article: Article, *, user, comment: str) -> Transition:
    return take_transition(article, TransitionAction.DECLINE, user=user, comment=comment)


def pass_on(article: Article, *, user, comment: str = "") -> Transition:
    return take_transition(article, TransitionAction.PASS, user=user, comment=comment)


def publish(article: Article, *, user, comment: str = "", copy_override: str = "") -> Transition:
    return take_transition(
        article,
        TransitionAction.PUBLISH,
        user=user,
        comment=comment,
        copy_override=copy_override,
    )


def schedule(
    article: Article,
    *,
    user,
    at: datetime.datetime,
    comment: str = "",
    copy_override: str = "",
) -> Transition:
    return take_transition(
        article,
        TransitionAction.SCHEDULE,
        user=user,
        publish_at=at,
        comment=comment,
        copy_override=copy_override,
    )


def unschedule(article: Article, *, user, comment: str = "") -> Transition:
    return take_transition(article, TransitionAction.UNSCHEDULE, user=user, comment=comment)


def withdraw(article: Article, *, user, comment: str) -> Transition:
    return take_transition(article, TransitionAction.WITHDRAW, user=user, comment=comment)


# --- Revisions --------------------------------------------------------------------------------


@transaction.atomic
def record_revision(article: Article, *, user, note: str = "", comment: str = "") -> Revision:
    """Keep the article as it is now (after its credits and links were saved) as its next
    revision (第N稿); the article's version becomes that revision's number. `comment`: what
    the person typed in 流程说明 on a save without a transition, kept with the revision."""
    Article.objects.filter(pk=article.pk).update(version=F("version") + 1)
    article.version = Article.objects.values_list("version", flat=True).get(pk=article.pk)
    # Every content save, import and restore comes through here: the search index and the
    # copy desk's last check follow the copy.
    update_search_index(article)
    copydesk.check_article(article)
    return Revision.objects.create(
        article=article,
        number=article.version,
        created_by=user,
        note=note,
        comment=comment.strip()[:200],
        data=snapshots.take(article),
    )


@transaction.atomic
def restore_revision(article: Article, revision: Revision, *, user) -> Revision:
    """Bring back the text, credits, photos, unions, topics and tags of `revision`, as a
    new revision; the story's state and publication time stay as they are."""
    if revision.article_id != article.pk:
        raise ValidationError("这一稿不属于这篇稿件。")
    if not can_edit(user, article):
        raise PermissionDenied("您没有权限恢复这篇稿件的修改记录。")
    snapshots.put_back(article, revision.data)
    restored = record_revision(article, user=user, note=f"恢复第{revision.number}稿")
    Transition.objects.create(
        article=article,
        action=TransitionAction.RESTORE,
        from_status=article.status,
        to_status=article.status,
        user=user,
        revision=restored.number,
        comment=f"恢复为第{revision.number}稿",
    )
    return restored
