"""Each newsroom role against each action, through the admin's real views.

"Allowed" means the action took effect in the database; "refused" means nothing changed
(the admin answers 403, or sends a user who may not see a story away from it).
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleStatus
from articles.workflow import services
from tests.factories import make_article

pytestmark = pytest.mark.django_db

ROLES = ["reporter", "editor", "chief", "stats"]

FORM = {
    "kicker": "",
    "subtitle": "",
    "kind": "news",
    "dateline": "本报讯",
    "lead": "",
    "body": "第一段。\n第二段。",
    "tags": "",
    "slug": "",
    "transition_comment": "",
    "credits-TOTAL_FORMS": "0",
    "credits-INITIAL_FORMS": "0",
    "photos-TOTAL_FORMS": "0",
    "photos-INITIAL_FORMS": "0",
}


def form_for(article: Article, **changes) -> dict:
    return {**FORM, "title": article.title, "version": article.version, **changes}


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


@pytest.fixture
def stories(newsroom):
    own = make_article("记者自己的稿", status=ArticleStatus.DRAFT, created_by=newsroom["reporter"])
    other = make_article(
        "别人的稿", status=ArticleStatus.DRAFT, created_by=newsroom["other_reporter"]
    )
    review = make_article("待审稿", status=ArticleStatus.REVIEW, created_by=newsroom["reporter"])
    public = make_article(
        "已发布稿",
        status=ArticleStatus.PUBLISHED,
        published_at=timezone.now() - datetime.timedelta(hours=1),
        created_by=newsroom["reporter"],
    )
    for story in (own, other, review, public):
        services.record_revision(story, user=None, note="测试")
    return {"own": own, "other": other, "review": review, "public": public}


def reload(article: Article) -> Article:
    return Article.objects.get(pk=article.pk)


# --- the actions ------------------------------------------------------------------------


def view_list(client, stories) -> bool:
    response = client.get(reverse("admin:articles_article_changelist"))
    return response.status_code == 200 and "别人的稿" in response.content.decode()


def view_own(client, stories) -> bool:
    return client.get(change_url(stories["own"])).status_code == 200


def add(client, stories) -> bool:
    client.post(reverse("admin:articles_article_add"), {**FORM, "title": "新稿"})
    return Article.objects.filter(title="新稿").exists()


def change_own(client, stories) -> bool:
    client.post(change_url(stories["own"]), form_for(stories["own"], title="改过的标题"))
    return reload(stories["own"]).title == "改过的标题"


def change_other(client, stories) -> bool:
    client.post(change_url(stories["other"]), form_for(stories["other"], title="改过的标题"))
    return reload(stories["other"]).title == "改过的标题"


def change_published(client, stories) -> bool:
    client.post(change_url(stories["public"]), form_for(stories["public"], title="改过的标题"))
    return reload(stories["public"]).title == "改过的标题"


def submit_own(client, stories) -> bool:
    client.post(change_url(stories["own"]), form_for(stories["own"], _transition="submit"))
    return reload(stories["own"]).status == ArticleStatus.REVIEW


def submit_other(client, stories) -> bool:
    client.post(change_url(stories["other"]), form_for(stories["other"], _transition="submit"))
    return reload(stories["other"]).status == ArticleStatus.REVIEW


def return_to_reporter(client, stories) -> bool:
    data = form_for(stories["review"], _transition="return", transition_comment="补充数字")
    client.post(change_url(stories["review"]), data)
    return reload(stories["review"]).status == ArticleStatus.RETURNED


def pass_on(client, stories) -> bool:
    client.post(change_url(stories["review"]), form_for(stories["review"], _transition="pass"))
    return reload(stories["review"]).status == ArticleStatus.SIGNOFF


def change_own_sent(client, stories) -> bool:
    client.post(change_url(stories["review"]), form_for(stories["review"], title="改过的标题"))
    return reload(stories["review"]).title == "改过的标题"


def transition_url(article: Article, action: str) -> str:
    return reverse("admin:articles_article_transition", args=[article.pk, action])


def recall_own(client, stories) -> bool:
    client.post(transition_url(stories["review"], "recall"), {"comment": ""})
    return reload(stories["review"]).status == ArticleStatus.DRAFT


def delete_own_draft(client, stories) -> bool:
    client.post(reverse("admin:articles_article_delete", args=[stories["own"].pk]), {"post": "yes"})
    return not Article.objects.filter(pk=stories["own"].pk).exists()


def delete_published(client, stories) -> bool:
    client.post(
        reverse("admin:articles_article_delete", args=[stories["public"].pk]), {"post": "yes"}
    )
    return not Article.objects.filter(pk=stories["public"].pk).exists()


def publish(client, stories) -> bool:
    client.post(change_url(stories["review"]), form_for(stories["review"], _transition="publish"))
    return reload(stories["review"]).is_public


def schedule(client, stories) -> bool:
    at = timezone.localtime() + datetime.timedelta(hours=2)
    data = form_for(
        stories["review"],
        _transition="schedule",
        publish_at_0=at.strftime("%Y-%m-%d"),
        publish_at_1=at.strftime("%H:%M:%S"),
    )
    client.post(change_url(stories["review"]), data)
    return reload(stories["review"]).is_scheduled


def withdraw(client, stories) -> bool:
    client.post(transition_url(stories["public"], "withdraw"), {"comment": "数字有误"})
    return reload(stories["public"]).status == ArticleStatus.WITHDRAWN


def withdraw_without_confirming(client, stories) -> bool:
    data = form_for(stories["public"], _transition="withdraw", transition_comment="数字有误")
    client.post(change_url(stories["public"]), data)
    return reload(stories["public"]).status == ArticleStatus.WITHDRAWN


def set_state_directly(client, stories) -> bool:
    client.post(change_url(stories["own"]), form_for(stories["own"], status="published"))
    return reload(stories["own"]).status == ArticleStatus.PUBLISHED


def restore_own(client, stories) -> bool:
    story = stories["own"]
    Article.objects.filter(pk=story.pk).update(title="后来的标题")
    client.post(reverse("admin:articles_article_restore", args=[story.pk, story.version]))
    return reload(story).title == "记者自己的稿"


def restore_published(client, stories) -> bool:
    story = stories["public"]
    Article.objects.filter(pk=story.pk).update(title="后来的标题")
    client.post(reverse("admin:articles_article_restore", args=[story.pk, story.version]))
    return reload(story).title == "已发布稿"


def see_summaries(client, stories) -> bool:
    return client.get(reverse("summaries:monthly")).status_code == 200


def export(client, stories) -> bool:
    month = timezone.localtime(stories["public"].published_at).strftime("%Y-%m")
    response = client.get(reverse("summaries:export"), {"month": month, "format": "xlsx"})
    return response.status_code == 200


def see_audit(client, stories) -> bool:
    return client.get(reverse("admin:workflow_transition_changelist")).status_code == 200


#            action              reporter editor chief  stats
MATRIX = [
    (view_list, False, True, True, False),
    (view_own, True, True, True, False),
    (add, True, True, True, False),
    (change_own, True, True, True, False),
    (change_other, False, True, True, False),
    (change_published, False, False, True, False),
    (submit_own, True, True, True, False),
    (submit_other, False, True, True, False),
    (change_own_sent, False, True, True, False),
    (recall_own, True, False, False, False),
    (return_to_reporter, False, True, True, False),
    (pass_on, False, True, True, False),
    (publish, False, False, True, False),
    (schedule, False, False, True, False),
    (withdraw, False, False, True, False),
    (withdraw_without_confirming, False, False, False, False),
    (delete_own_draft, True, False, True, False),
    (delete_published, False, False, False, False),
    (set_state_directly, False, False, False, False),
    (restore_own, True, True, True, False),
    (restore_published, False, False, True, False),
    (see_summaries, False, False, False, True),
    (export, False, False, False, True),
    (see_audit, False, False, True, False),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("action", "expected"),
    [(row[0], dict(zip(ROLES, row[1:], strict=True))) for row in MATRIX],
    ids=[row[0].__name__ for row in MATRIX],
)
def test_each_role_may_do_exactly_its_part(newsroom, stories, login, role, action, expected):
    client = login(newsroom[role])
    assert action(client, stories) is expected[role]


def test_a_superuser_may_do_everything(stories, superuser, login):
    client = login(superuser)
    for action in (view_list, change_other, publish, withdraw, see_summaries, see_audit):
        assert action(client, stories), action.__name__


def test_a_refused_transition_saves_nothing_of_the_form(newsroom, stories, login):
    client = login(newsroom["editor"])
    story = stories["review"]
    response = client.post(
        change_url(story), form_for(story, title="编辑想改的标题", _transition="publish")
    )
    assert response.status_code == 403
    assert reload(story).title == "待审稿"
    assert reload(story).status == ArticleStatus.REVIEW


def test_a_post_that_sets_the_state_is_refused_even_for_the_chief(newsroom, stories, login):
    client = login(newsroom["chief"])
    response = client.post(change_url(stories["own"]), form_for(stories["own"], status="published"))
    assert response.status_code == 403
    assert reload(stories["own"]).status == ArticleStatus.DRAFT


def test_a_new_story_is_always_a_draft(newsroom, login):
    client = login(newsroom["editor"])
    client.post(
        reverse("admin:articles_article_add"),
        {**FORM, "title": "新稿", "status": "published", "published_at_0": "2024-01-01"},
    )
    assert not Article.objects.filter(title="新稿").exists()
    client.post(reverse("admin:articles_article_add"), {**FORM, "title": "新稿"})
    assert Article.objects.get(title="新稿").status == ArticleStatus.DRAFT


def test_the_form_offers_only_the_users_transitions(newsroom, stories, login):
    buttons = {}
    for role in ("reporter", "editor", "chief"):
        html = login(newsroom[role]).get(change_url(stories["review"])).content.decode()
        buttons[role] = {a for a in services.RULES if f'value="{a}"' in html}
    assert buttons["reporter"] == set()  # 待审 is out of the reporter's hands
    assert buttons["editor"] == {"pass", "return"}
    assert buttons["chief"] == {"pass", "return", "publish", "schedule"}


def test_a_reporter_sees_only_their_own_copy(newsroom, stories, login):
    response = login(newsroom["reporter"]).get(reverse("admin:articles_article_changelist"))
    titles = {a.title for a in response.context["cl"].result_list}
    assert titles == {"记者自己的稿", "待审稿", "已发布稿"}
