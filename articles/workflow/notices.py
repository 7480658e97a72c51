"""Notices: after a transition, the people it concerns are told, on their desk and by
e-mail (Django's mail; the console in the quick start, the outbox in tests).

| transition | told | why |
|---|---|---|
| 提交待审 | the editors (编辑) | copy waits in their queue |
| 退回修改, 不采用 | the story's reporter (or correspondent) | with the editor's reason |
| 审毕送签 | the chief editors (总编辑) | copy waits for 签发 |
| 签发, 定时签发, 撤回定时, 撤稿 | the story's reporter | their story's fate |

Nobody is told what they did themselves; 收回 and 恢复 tell nobody. Mail goes out after
the transaction commits, and a mail server that fails loses the e-mail, never the
transition or the notice on the desk (it is logged).
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from articles.workflow.models import Notice, Transition, TransitionAction, person_name
from articles.workflow.roles import CHIEF_EDITOR, EDITOR

logger = logging.getLogger(__name__)

A = TransitionAction

# Which group a transition concerns; None: the story's reporter (who created it).
CONCERNS = {
    A.SUBMIT: EDITOR,
    A.PASS: CHIEF_EDITOR,
    A.RETURN: None,
    A.DECLINE: None,
    A.PUBLISH: None,
    A.SCHEDULE: None,
    A.UNSCHEDULE: None,
    A.WITHDRAW: None,
}


def notice_text(transition: Transition) -> str:
    """One line saying who did what to which story, and why."""
    article = transition.article
    who = person_name(transition.user) or "系统"
    title = f"《{article.title}》"
    action = transition.action
    if action == A.SUBMIT:
        text = f"{who}提交了{title}，等待审稿"
    elif action == A.PASS:
        text = f"{who}审毕{title}，送您签发"
    elif action == A.RETURN:
        text = f"{who}退回了{title}"
    elif action == A.DECLINE:
        text = f"{who}决定不采用{title}"
    elif action == A.SCHEDULE:
        when = timezone.localtime(transition.publish_at).strftime("%-m月%-d日 %H:%M")
        text = f"{who}定时签发了{title}，{when}发布"
    else:
        text = f"{who}{A(action).label}了{title}"
    if transition.comment:
        word = "原因" if action in (A.RETURN, A.DECLINE, A.WITHDRAW) else "说明"
        text += f"。{word}：{transition.comment.rstrip('。．.')}"
    return text + "。"


def recipients(transition: Transition) -> list:
    """The active people the transition concerns, leaving out whoever took it."""
    group = CONCERNS.get(transition.action, "")
    if group == "":
        return []
    users = get_user_model().objects.filter(is_active=True)
    if group is None:
        users = users.filter(pk=transition.article.created_by_id)
    else:
        users = users.filter(groups__name=group)
    if transition.user_id is not None:
        users = users.exclude(pk=transition.user_id)
    return list(users.distinct().order_by("pk"))


def notify(transition: Transition) -> list[Notice]:
    """Put the transition's notice on the desk of everyone it concerns and e-mail them
    once the transaction commits."""
    people = recipients(transition)
    if not people:
        return []
    text = notice_text(transition)
    notices = Notice.objects.bulk_create(
        Notice(recipient=person, article=transition.article, transition=transition, text=text)
        for person in people
    )
    subject = f"【{A(transition.action).label}】{transition.article.title}"[:120]
    mails = [
        (
            subject,
            f"{text}\n\n打开稿件：{story_url(person, transition.article_id)}\n",
            None,
            [person.email],
        )
        for person in people
        if person.email
    ]
    if mails:
        transaction.on_commit(lambda: _send(mails))
    return notices


def story_url(person, article_id: int) -> str:
    """Where the person opens the story: the admin for the newsroom, the contribution
    desk (by URL name: the workflow imports no room above it) for a correspondent, who
    is not staff and never sees the admin."""
    if person.is_staff:
        return settings.SITE_URL + reverse("admin:articles_article_change", args=[article_id])
    return settings.SITE_URL + reverse("contribute:piece", args=[article_id])


def _send(mails) -> None:
    try:
        send_mass_mail(mails, fail_silently=False)
    except Exception:  # the notice is on the desk; a mail server's failure loses no work
        logger.exception("workflow notice e-mail failed (%d messages)", len(mails))


def mark_read(user, notice_ids) -> int:
    """Mark these notices of this user as read; another user's are left alone."""
    return Notice.objects.filter(recipient=user, pk__in=notice_ids, read_at__isnull=True).update(
        read_at=timezone.now()
    )
