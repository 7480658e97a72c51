"""Stories in every state, taken there through the workflow's services as the newsroom
does: each state's transitions (and notices) are on record."""

import datetime

from django.utils import timezone

from articles.models import ArticleStatus
from articles.workflow import services
from tests.factories import make_article

STATES = ["draft", "returned", "review", "signoff", "scheduled", "published", "withdrawn"]
REASON = "导语太长，请压缩到一百字以内。"


def story_in(state: str, newsroom, title: str = "", *, reporter="reporter", at=None):
    """A story written by `reporter` and taken to `state`; a scheduled one is due `at`
    (tomorrow by default)."""
    story = make_article(
        title, status=ArticleStatus.DRAFT, created_by=newsroom[reporter], body="职工书屋。" * 40
    )
    if state == "draft":
        return story
    services.submit(story, user=newsroom[reporter])
    if state == "review":
        return story
    if state == "returned":
        services.return_to_reporter(story, user=newsroom["editor"], comment=REASON)
        return story
    services.pass_on(story, user=newsroom["editor"])
    if state == "signoff":
        return story
    if state == "scheduled":
        at = at or timezone.now() + datetime.timedelta(days=1)
        services.schedule(story, user=newsroom["chief"], at=at)
        return story
    services.publish(story, user=newsroom["chief"])
    if state == "withdrawn":
        services.withdraw(story, user=newsroom["chief"], comment="数据有误。")
    return story
