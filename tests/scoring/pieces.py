"""A small union tree and pieces by its correspondents, in 2024's first quarter."""

import datetime

from articles.models import Article, ArticleKind, ArticleStatus, Contributor, Credit, CreditRole
from tests.factories import SHANGHAI, make_print_page, make_union
from unions.models import UnionLevel

JAN_23 = datetime.datetime(2024, 1, 23, 6, 0, tzinfo=SHANGHAI)


def make_tree() -> dict:
    """北京市总工会 → 怀柔区总工会 → 龙山街道总工会 → 龙山建工公司工会; and 昌平区总工会."""
    city = make_union("北京市总工会", level=UnionLevel.CITY)
    huairou = make_union("怀柔区总工会", level=UnionLevel.DISTRICT, parent=city, short_name="怀柔")
    street = make_union("龙山街道总工会", level=UnionLevel.STREET, parent=huairou)
    company = make_union("龙山建工公司工会", level=UnionLevel.ENTERPRISE, parent=street)
    changping = make_union("昌平区总工会", level=UnionLevel.DISTRICT, parent=city)
    return {
        "city": city,
        "huairou": huairou,
        "street": street,
        "company": company,
        "changping": changping,
    }


def correspondent(name: str, union=None) -> Contributor:
    return Contributor.objects.create(name=name, union=union)


def piece(
    *people,
    title: str = "",
    kind=ArticleKind.NEWS,
    page: tuple[int, int | None] | None = (3, None),
    at: datetime.datetime = JAN_23,
    created: datetime.datetime | None = None,
    status=ArticleStatus.PUBLISHED,
    source_union=None,
    reporter: Contributor | None = None,
) -> Article:
    """A story crediting `people` as 通讯员, on (版次, 版内顺序) of `at`'s edition (an inside
    page's next free place by default), or web only with page=None; created (filed) when
    it was published unless `created` says otherwise."""
    print_page = None
    order = None
    if page is not None:
        print_page = make_print_page(edition_date=at.astimezone(SHANGHAI).date(), number=page[0])
        order = page[1]
        if order is None and page[0] != 1:  # inside pages: the next free place
            order = print_page.articles.count() + 1
    article = Article.objects.create(
        title=title or f"通讯员来稿{Article.objects.count() + 1}",
        body="本报讯 近日，工会开展活动。",
        kind=kind,
        status=status,
        published_at=at if status in (ArticleStatus.PUBLISHED, ArticleStatus.WITHDRAWN) else None,
        print_page=print_page,
        print_order=order,
        source_union=source_union,
    )
    article.created_at = created or at
    Article.objects.filter(pk=article.pk).update(created_at=article.created_at)
    if reporter is not None:
        Credit.objects.create(article=article, contributor=reporter, role=CreditRole.REPORTER)
    for position, person in enumerate(people, start=1):
        Credit.objects.create(
            article=article, contributor=person, role=CreditRole.CORRESPONDENT, order=position
        )
    return article
