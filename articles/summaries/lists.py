"""The period's stories and activities, one row each, as generators for the exports.

Plain values over keyset pages, so an export never holds more than one page of rows in
memory however long the month's list is.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from articles.bylines import BylineCredit, render_byline
from articles.models import Activity, ActivityKind, Article, ArticleKind, Credit, GiftLine
from articles.summaries.periods import SHANGHAI, Period, format_date
from articles.summaries.scope import Scope, published_stories, reported_activities

# Rows per keyset page of the story and activity lists: one page is all an export holds.
CHUNK_SIZE = 1000


@dataclass
class StoryRow:
    published_on: datetime.date
    headline: str
    kind: str
    page: str
    column: str
    byline: str
    unions: str
    districts: str
    topics: str
    url: str


@dataclass
class ActivityRow:
    start_date: datetime.date
    end_date: datetime.date | None
    title: str
    union: str
    district: str
    kind: str
    place: str
    participants: int | None
    beneficiaries: int | None
    unions_reached: int | None
    relief_money: Decimal | None
    gifts: str
    stories: str


def _keyset_pages(queryset: QuerySet, order: str, fields: list[str], size: int):
    """Rows of `queryset` as lists of dicts, `size` at a time, in (`order`, pk) order.

    Keyset pagination rather than OFFSET: every page is an index range scan however deep
    into the month it is, and a row published meanwhile cannot shift a page.
    """
    last = None
    while True:
        page = queryset.order_by(order, "pk")
        if last is not None:
            after, pk = last
            page = page.filter(Q(**{f"{order}__gt": after}) | Q(**{order: after, "pk__gt": pk}))
        rows = list(page.values("pk", order, *fields)[:size])
        if not rows:
            return
        yield rows
        last = rows[-1][order], rows[-1]["pk"]


def _grouped(pairs) -> dict:
    """{key: [value, ...]} from (key, value) pairs, or {key: [[v1, v2], ...]} from longer ones."""
    grouped: dict = {}
    for key, *value in pairs:
        grouped.setdefault(key, []).append(value[0] if len(value) == 1 else value)
    return grouped


def story_rows(period: Period, scope: Scope, chunk_size: int = CHUNK_SIZE) -> Iterator[StoryRow]:
    """The period's published stories in publication order, read `chunk_size` at a time.

    Plain values and three look-ups per page (credits, unions, topics) instead of model
    instances with prefetches: a month of 10k stories is read about three times faster,
    and never more than one page is held in memory.
    """
    fields = [
        "slug",
        "kicker",
        "title",
        "subtitle",
        "kind",
        "dateline",
        "column__name",
        "print_page__edition_date",
        "print_page__number",
        "print_page__name",
    ]
    kinds = dict(ArticleKind.choices)
    stories = published_stories(scope, [period])
    for page in _keyset_pages(stories, "published_at", fields, chunk_size):
        ids = [row["pk"] for row in page]
        credits = _grouped(
            Credit.objects.filter(article_id__in=ids)
            .order_by("order", "pk")
            .values_list("article_id", "role", "contributor__name", "label")
        )
        unions = _grouped(
            Article.unions.through.objects.filter(article_id__in=ids)
            .order_by("union__path")
            .values_list("article_id", "union__name", "union__district__name")
        )
        topics = _grouped(
            Article.topics.through.objects.filter(article_id__in=ids)
            .order_by("topic__order", "topic__name")
            .values_list("article_id", "topic__name")
        )
        for row in page:
            pk = row["pk"]
            named = unions.get(pk, [])
            districts = dict.fromkeys(district or "市属单位" for _, district in named)
            edition = row["print_page__edition_date"]
            yield StoryRow(
                published_on=timezone.localtime(row["published_at"], SHANGHAI).date(),
                headline=" ".join(
                    part for part in (row["kicker"], row["title"], row["subtitle"]) if part
                ),
                kind=kinds.get(row["kind"], row["kind"]),
                page=(
                    f"{format_date(edition)} 第{row['print_page__number']}版 "
                    f"{row['print_page__name']}".rstrip()
                    if edition
                    else "仅网站刊发"
                ),
                column=row["column__name"] or "",
                # The house byline exactly as Article.byline renders it.
                byline=render_byline(
                    row["kind"],
                    row["dateline"],
                    [BylineCredit(role, name, label) for role, name, label in credits.get(pk, [])],
                ),
                unions="、".join(name for name, _ in named),
                districts="、".join(districts),
                topics="、".join(topics.get(pk, [])),
                # Settings strip SITE_URL's trailing "/"; the path brings its own.
                url=f"{settings.SITE_URL}{Article(pk=pk, slug=row['slug']).get_absolute_url()}",
            )


def activity_rows(
    period: Period, scope: Scope, chunk_size: int = CHUNK_SIZE
) -> Iterator[ActivityRow]:
    """The period's reported activities by start date. The internal note is never read."""
    fields = [
        "end_date",
        "title",
        "union__name",
        "union__district__name",
        "kind",
        "place",
        "participants",
        "beneficiaries",
        "unions_reached",
        "relief_money",
    ]
    kinds = dict(ActivityKind.choices)
    activities = reported_activities(scope, [period])
    for page in _keyset_pages(activities, "start_date", fields, chunk_size):
        ids = [row["pk"] for row in page]
        gifts = _grouped(
            (line.activity_id, str(line))
            for line in GiftLine.objects.filter(activity_id__in=ids)
            .order_by("order", "pk")
            .only("activity_id", "item", "quantity", "quantity_is_minimum", "unit")
        )
        # Only published stories: a draft's headline is newsroom knowledge.
        stories = _grouped(
            Activity.articles.through.objects.filter(
                activity_id__in=ids, article__in=Article.objects.published()
            )
            .order_by("article__published_at", "article_id")
            .values_list("activity_id", "article__title")
        )
        for row in page:
            pk = row["pk"]
            yield ActivityRow(
                start_date=row["start_date"],
                end_date=row["end_date"],
                title=row["title"],
                union=row["union__name"],
                district=row["union__district__name"] or "市属单位",
                kind=kinds.get(row["kind"], row["kind"]),
                place=row["place"],
                participants=row["participants"],
                beneficiaries=row["beneficiaries"],
                unions_reached=row["unions_reached"],
                relief_money=row["relief_money"],
                gifts="；".join(gifts.get(pk, [])),
                stories="；".join(stories.get(pk, [])),
            )
