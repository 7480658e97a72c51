"""`can_edit` and `allowed_actions` asked directly, over every role × state × owner.

The admin's views hide another reporter's copy before `can_edit` is ever asked
(test_permission_matrix.py goes through them), so a broken rule could hide behind the
list. Here each rule is asked itself; the last tests break one rule at a time and show
the matrix notices.
"""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article, ArticleQuerySet, ArticleStatus
from articles.workflow import services
from articles.workflow.models import TransitionAction
from tests.factories import make_article

pytestmark = pytest.mark.django_db

ROLES = ("reporter", "editor", "chief", "stats")
STATES = ("draft", "returned", "review", "signoff", "scheduled", "public", "withdrawn")
CHIEF_NEW = ["submit", "publish", "schedule"]

# (role, state): (may edit own copy, may edit another's, transitions on own, on another's)
EXPECTED = {
    ("reporter", "draft"): (True, False, ["submit"], []),
    ("reporter", "returned"): (True, False, ["submit"], []),
    # Sent: out of the reporter's hands, but theirs to call back until an editor saves.
    ("reporter", "review"): (False, False, ["recall"], []),
    ("reporter", "signoff"): (False, False, [], []),
    ("reporter", "scheduled"): (False, False, [], []),
    ("reporter", "public"): (False, False, [], []),
    ("reporter", "withdrawn"): (False, False, [], []),
    ("editor", "draft"): (True, True, ["submit"], ["submit"]),
    ("editor", "returned"): (True, True, ["submit"], ["submit"]),
    ("editor", "review"): (True, True, ["pass", "return"], ["pass", "return"]),
    ("editor", "signoff"): (True, True, ["return"], ["return"]),
    ("editor", "scheduled"): (False, False, [], []),
    ("editor", "public"): (False, False, [], []),
    ("editor", "withdrawn"): (False, False, [], []),
    ("chief", "draft"): (True, True, CHIEF_NEW, CHIEF_NEW),
    ("chief", "returned"): (True, True, CHIEF_NEW, CHIEF_NEW),
    ("chief", "review"): (True, True, *[["pass", "return", "publish", "schedule"]] * 2),
    ("chief", "signoff"): (True, True, *[["return", "publish", "schedule"]] * 2),
    ("chief", "scheduled"): (True, True, ["unschedule"], ["unschedule"]),
    ("chief", "public"): (True, True, ["withdraw"], ["withdraw"]),
    ("chief", "withdrawn"): (True, True, ["publish"], ["publish"]),
    **{("stats", state): (False, False, [], []) for state in STATES},
}


def story_in(state: str, owner):
    now = timezone.now()
    status, published_at = {
        "draft": (ArticleStatus.DRAFT, None),
        "returned": (ArticleStatus.RETURNED, None),
        "review": (ArticleStatus.REVIEW, None),
        "signoff": (ArticleStatus.SIGNOFF, None),
        "scheduled": (ArticleStatus.PUBLISHED, now + datetime.timedelta(hours=2)),
        "public": (ArticleStatus.PUBLISHED, now - datetime.timedelta(hours=2)),
        "withdrawn": (ArticleStatus.WITHDRAWN, now - datetime.timedelta(hours=2)),
    }[state]
    return make_article(f"{state}稿", status=status, published_at=published_at, created_by=owner)


@pytest.fixture
def matrix(newsroom):
    """What the rules answer now, in the shape of EXPECTED."""
    stories = {
        (state, whose): story_in(state, newsroom[owner])
        for state in STATES
        for whose, owner in (("own", "reporter"), ("other", "other_reporter"))
    }

    def answer() -> dict:
        answers = {}
        for role in ROLES:
            user = newsroom[role]
            for state in STATES:
                own, other = stories[(state, "own")], stories[(state, "other")]
                answers[(role, state)] = (
                    services.can_edit(user, own),
                    services.can_edit(user, other),
                    services.allowed_actions(own, user),
                    services.allowed_actions(other, user),
                )
        return answers

    return answer


def test_every_role_state_and_owner_gets_exactly_its_rights(matrix):
    assert matrix() == EXPECTED


def test_the_copy_a_user_may_edit_is_the_copy_the_admin_lists(newsroom, matrix):
    """The list shows a reporter their own copy in every state; they may change the part
    still in their hands (草稿, 已退回). Editors list and change all unsigned copy."""
    matrix()  # the stories
    unsigned = Article.objects.exclude(pk__in=Article.objects.signed_off())
    for role in ("reporter", "editor", "chief"):
        user = newsroom[role]
        editable = {story.title for story in unsigned if services.can_edit(user, story)}
        listed = set(unsigned.editable_by(user).values_list("title", flat=True))
        sent = {"review稿", "signoff稿"} if role == "reporter" else set()
        assert editable == listed - sent, role


def test_a_reporter_allowed_anothers_draft_fails_the_matrix(matrix, monkeypatch):
    monkeypatch.setattr(ArticleQuerySet, "editable_by", lambda self, user: self.all())
    assert matrix() != EXPECTED


def test_a_public_story_that_could_be_unscheduled_fails_the_matrix(matrix, monkeypatch):
    rules = dict(services.RULES)
    rules[TransitionAction.UNSCHEDULE] = services.Rule(
        frozenset({ArticleStatus.PUBLISHED}),
        ArticleStatus.SIGNOFF,
        lambda user, _article: user.has_perm(services.PUBLISH),
    )
    monkeypatch.setattr(services, "RULES", rules)
    assert matrix() != EXPECTED
