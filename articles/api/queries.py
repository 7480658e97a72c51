"""What the endpoints read: the stories a request asks for and what is loaded with them,
the story list's filters, a union's figures, a withdrawn story's notice.

Every story comes through `Article.objects.published()`, called per request (the rule
reads the clock). A filter value that names nothing readers can see (a topic only drafts
are filed under, a strap or a tag only drafts carry) is refused exactly like one that
names nothing at all, so the API tells no more than the site's pages do.
"""

import datetime
from collections.abc import Collection

from django.db.models import Exists, OuterRef, Prefetch
from taggit.models import Tag

from articles.api.params import (
    BadParameter,
    day_param,
    echo,
    key_param,
    number_param,
    start_of,
    text,
)
from articles.models import (
    Activity,
    ActivityKind,
    Article,
    ArticleKind,
    ArticleQuerySet,
    ArticleStatus,
    Column,
    Credit,
    GiftLine,
    Topic,
    printed_quantity,
)
from articles.workflow.models import Transition, TransitionAction
from unions.models import Union


def with_parts(stories: ArticleQuerySet, fields: Collection[str]) -> ArticleQuerySet:
    """The stories with what the `fields` a response prints of them loaded: one query per
    field, whatever the number of stories; a field not asked for (`?fields=`) loads
    nothing. Built per request: the visibility rule reads the clock."""
    loaded = {
        "byline": Prefetch("credits", queryset=Credit.objects.select_related("contributor")),
        "photos": "photos",
        "unions": "unions",
        "topics": "topics",
        "tags": "tags",
        # Corrections readers can see, oldest first, as the story page lists them.
        "corrections": Prefetch(
            "corrections",
            queryset=Article.objects.published().order_by("published_at", "pk"),
            to_attr="published_corrections",
        ),
        # The story a correction corrects, if readers can see it: the one rule as a
        # query, so a correction of a withdrawn story names nothing.
        "corrects": Prefetch("corrects", queryset=Article.objects.published()),
    }
    parts = [part for name, part in loaded.items() if name in fields]
    # The strap and the printed page come joined.
    return stories.select_related("column", "print_page").prefetch_related(*parts)


def published_stories(fields: Collection[str]) -> ArticleQuerySet:
    return with_parts(Article.objects.published(), fields)


KIND_CHOICES = "、".join(f"{value}（{label}）" for value, label in ArticleKind.choices)
# A 版 number: `PrintPage.number` is a PositiveSmallIntegerField.
LAST_PAGE_NUMBER = 32767


def filter_stories(stories, params):
    """The story list's filters (`?topic=…&union=…`), each a 400 when it names nothing."""
    if slug := text(params, "topic"):
        topic = Topic.objects.public().filter(slug=slug).first()
        if topic is None:
            raise BadParameter(f"没有这个专题：{echo(slug)}。")
        # The topic's sub-topics included, as the topic page lists them.
        stories = stories.in_topic(topic)
    if (column_id := key_param(params, "column", Column._meta.pk)) is not None:
        if not Column.objects.public().filter(pk=column_id).exists():
            raise BadParameter(f"没有这个栏目：{column_id}。")
        stories = stories.filter(column_id=column_id)
    if (union_id := key_param(params, "union", Union._meta.pk)) is not None:
        union = Union.objects.filter(pk=union_id).first()
        if union is None:
            raise BadParameter(f"没有这个工会：{union_id}。")
        # The union and every union below it.
        stories = stories.about_union(union)
    if slug := text(params, "tag"):
        carried = Exists(Article.objects.published().filter(tags=OuterRef("pk")))
        tag = Tag.objects.filter(carried, slug=slug).first()
        if tag is None:
            raise BadParameter(f"没有这个标签：{echo(slug)}。")
        stories = stories.filter(tags=tag)
    if kind := text(params, "kind"):
        if kind not in ArticleKind.values:
            raise BadParameter(f"参数 kind 应为以下之一：{KIND_CHOICES}，收到“{echo(kind)}”。")
        stories = stories.filter(kind=kind)
    # Days in Beijing time, both ends included: published_after=2024-01-22 takes the
    # stories of the 22nd. Bounds on the column itself, so the publication index serves.
    if after := day_param(params, "published_after"):
        stories = stories.filter(published_at__gte=start_of(after))
    if before := day_param(params, "published_before"):
        stories = stories.filter(published_at__lt=start_of(before + datetime.timedelta(days=1)))
    edition = day_param(params, "edition")
    number = number_param(params, "page", maximum=LAST_PAGE_NUMBER)
    if number is not None and edition is None:
        raise BadParameter("参数 page（版次）须与 edition（出版日期）一起使用。")
    if edition is not None:
        stories = stories.filter(print_page__edition_date=edition)
    if number is not None:
        stories = stories.filter(print_page__number=number)
    return stories


def union_figures(union: Union) -> dict:
    """A union's figures, its whole subtree rolled up: the numbers its page prints
    (`articles.public.figures.union_figures`, from the same two queryset methods; a test
    holds them together). Only activities told in a published story count; a figure no
    report gave stays None, never 0."""
    activities = Activity.objects.reported().in_subtree(union)
    figures = activities.figures()
    kinds = {label: value for value, label in ActivityKind.choices}
    gifts = GiftLine.objects.filter(activity__in=activities).totals()
    return {
        "activities": figures["activities"],
        "beneficiaries": figures["beneficiaries"],
        "relief_money": figures["relief_money"],
        "unions_reached": figures["unions_reached"],
        "by_kind": [
            {"kind": kinds.get(label, ""), "name": label, "activities": count}
            for label, count in figures["by_kind"]
        ],
        "gifts": [
            {
                "item": line["item"],
                "unit": line["unit"],
                "quantity": line["quantity"],
                "approximate": bool(line["approximate"]),
                "printed": printed_quantity(
                    line["quantity"], line["unit"], minimum=bool(line["approximate"])
                ),
            }
            for line in gifts
        ],
    }


def withdrawal_of(pk: int) -> dict | None:
    """What a withdrawn story's 410 says (its title and the day of withdrawal, not the
    newsroom's reason), or None if the story is not withdrawn: what the story page's
    410 says (`articles.public.views.withdrawal_of`; a test holds them together)."""
    story = Article.objects.filter(pk=pk, status=ArticleStatus.WITHDRAWN).first()
    if story is None:
        return None
    last = (
        Transition.objects.filter(article=story, action=TransitionAction.WITHDRAW)
        .order_by("-at")
        .first()
    )
    return {"title": story.title, "withdrawn_at": last.at if last else story.updated_at}
