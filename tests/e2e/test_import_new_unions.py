"""An editor imports a page whose report names a union the tree does not know: the preview
proposes it with its parent, the editor accepts, saves, and once the story is published the
new union's public page lists it."""

import pytest
from django.urls import reverse

from articles.models import Article
from articles.workflow.services import publish
from unions.models import Union

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "昌平区城北街道总工会走访慰问环卫职工"
PAGE = (
    f"{TITLE}\n"
    "本报讯（记者 周美玉）近日，昌平区城北街道总工会走访慰问辖区环卫职工，"
    "为他们送去米、面、油等慰问品。\n"
    "昌平区总工会相关负责人表示，将继续做好送温暖工作。"
)


@pytest.fixture
def editor(django_user_model, unions_and_topics):
    return django_user_model.objects.create_superuser("editor", password="pw-editor-123")


def test_an_editor_accepts_a_new_union_and_its_page_lists_the_story(
    page, live_server, admin_login, editor
):
    admin_login(page, "editor", "pw-editor-123")

    page.goto(f"{live_server.url}{reverse('admin:articles_pageimport_add')}")
    page.fill("#id_text", PAGE)
    page.fill("#id_edition_date", "2024-01-24")
    page.fill("#id_page_number", "3")
    page.click("input[name=preview]")

    proposal = page.locator(".new-union").first
    assert proposal.locator("#id_new_unions-0-name").input_value() == "昌平区城北街道总工会"
    assert proposal.locator("#id_new_unions-0-level").input_value() == "street"
    assert proposal.locator("#id_new_unions-0-parent").input_value() == "昌平区总工会"
    proposal.locator("input[name='new_unions-0-decision'][value=accept]").check()
    page.click("input[name=confirm]")
    page.wait_for_selector(".messagelist .success")

    union = Union.objects.get(name="昌平区城北街道总工会")
    assert union.parent.name == "昌平区总工会"
    article = Article.objects.get(title=TITLE)
    assert article.unions.filter(pk=union.pk).exists()

    publish(article, user=editor)
    page.goto(f"{live_server.url}{reverse('unions:union-detail', kwargs={'slug': union.slug})}")
    assert page.locator(f"text={TITLE}").count() == 1
