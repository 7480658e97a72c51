"""Small factories: plain functions with sensible defaults and keyword overrides."""

import datetime
import itertools
from zoneinfo import ZoneInfo

from django.utils import timezone

from articles.models import (
    Activity,
    ActivityKind,
    Article,
    ArticleKind,
    ArticleStatus,
    Column,
    Contributor,
    Credit,
    CreditRole,
    PrintPage,
    Topic,
)
from unions.models import Union, UnionLevel
from unions.services import save_union

_seq = itertools.count(1)
SHANGHAI = ZoneInfo("Asia/Shanghai")


def make_union(name: str = "", *, level=UnionLevel.ENTERPRISE, parent=None, **fields) -> Union:
    union = Union(name=name or f"测试{next(_seq)}公司工会", level=level, parent=parent, **fields)
    return save_union(union=union)


def make_topic(name: str = "", **fields) -> Topic:
    return Topic.objects.create(name=name or f"专题{next(_seq)}", **fields)


def make_column(name: str = "", **fields) -> Column:
    return Column.objects.create(name=name or f"栏目{next(_seq)}", **fields)


def make_print_page(edition_date=datetime.date(2024, 1, 23), number=3, **fields) -> PrintPage:
    page, _ = PrintPage.objects.get_or_create(
        edition_date=edition_date, number=number, defaults={"name": "工会新闻", **fields}
    )
    return page


def make_contributor(name: str = "", **fields) -> Contributor:
    return Contributor.objects.create(name=name or f"记者{next(_seq)}", **fields)


def make_article(
    title: str = "",
    *,
    status=ArticleStatus.PUBLISHED,
    published_at=None,
    kind=ArticleKind.NEWS,
    credits=(),
    unions=(),
    topics=(),
    **fields,
) -> Article:
    """An article; `credits` is a sequence of (role, name) or (role, name, label)."""
    if status == ArticleStatus.PUBLISHED and published_at is None:
        published_at = timezone.now() - datetime.timedelta(hours=1)
    article = Article.objects.create(
        title=title or f"测试稿件{next(_seq)}",
        body=fields.pop("body", "第一段。\n第二段。"),
        status=status,
        published_at=published_at,
        kind=kind,
        **fields,
    )
    for order, credit in enumerate(credits):
        role, name, *label = credit
        Credit.objects.create(
            article=article,
            contributor=Contributor.objects.filter(name=name).first() or make_contributor(name),
            role=role,
            label=label[0] if label else "",
            order=order,
        )
    article.unions.set(unions)
    article.topics.set(topics)
    return article


def make_activity(*, union: Union, kind=ActivityKind.WARMTH_VISIT, **fields) -> Activity:
    fields.setdefault("title", f"活动{next(_seq)}")
    fields.setdefault("start_date", datetime.date(2024, 1, 22))
    return Activity.objects.create(union=union, kind=kind, **fields)


def article_admin_form(**fields) -> dict:
    """The article admin's form as an editor posts it, with no credits and no photos;
    `fields` override or add to it (`"photos-TOTAL_FORMS": "1"`, `version=...`)."""
    return {
        "kicker": "",
        "title": "测试稿件",
        "subtitle": "",
        "kind": "news",
        "dateline": "",
        "lead": "",
        "body": "第一段。\n第二段。",
        "tags": "",
        "slug": "",
        "credits-TOTAL_FORMS": "0",
        "credits-INITIAL_FORMS": "0",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        **fields,
    }


def admin_change_data(client, url: str, **changes) -> dict:
    """What the admin's change form would post unchanged, with `changes` on top."""
    response = client.get(url)
    forms = [response.context["adminform"].form]
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms += formset.forms
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            if isinstance(value, list | tuple):
                value = [str(item) for item in value]
            data[form.add_prefix(name)] = "on" if value is True else value
    data.update(changes)
    return data


__all__ = [
    "CreditRole",
    "admin_change_data",
    "article_admin_form",
    "make_activity",
    "make_article",
    "make_column",
    "make_contributor",
    "make_print_page",
    "make_topic",
    "make_union",
]
