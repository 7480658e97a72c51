"""Preview links: a draft, or one revision of a story, exactly as readers will see it.

The link is signed (SECRET_KEY, its own salt) and carries its creation time, so it works
without an account and stops working after PREVIEW_DAYS, or as soon as the story is
published or withdrawn after the link was made (a reviewer's old link must not show
withdrawn text for days, nor a published story's draft); a tampered, expired or dead
link is a 404 like any unknown page. Previews are marked, `noindex` and never cached.

The page is the workflow's own template, workflow/preview.html: it extends the story
page the readers' site extends too (story_base.html), so a preview prints the story
with the same markup without rendering a template of the readers' site.
"""

import datetime

from django.core import signing
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from taggit.models import Tag

from articles.models import Article, Column, Contributor, Credit, Photo, PrintPage, Topic
from articles.safety.keys import integer_key
from articles.workflow.models import Revision, Transition, TransitionAction
from unions.models import Union

PREVIEW_DAYS = 7
SALT = "articles.workflow.preview"
# The moves after which a link made before them is dead.
ENDS_PREVIEWS = [TransitionAction.PUBLISH, TransitionAction.WITHDRAW]
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def preview_url(article: Article, revision: int | None = None) -> str:
    """A signed link to the story as it is now (or as it was in `revision`)."""
    made = (timezone.now() - EPOCH) // datetime.timedelta(microseconds=1)
    token = signing.dumps({"a": article.pk, "r": revision, "t": made}, salt=SALT, compress=True)
    return reverse("workflow:preview", kwargs={"token": token})


def preview(request, token: str):
    try:
        payload = signing.loads(token, salt=SALT, max_age=PREVIEW_DAYS * 24 * 3600)
        article_pk, number, made = read_payload(payload)
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise Http404("预览链接无效或已过期。") from exc
    article = (
        Article.objects.select_related("column", "print_page")
        .prefetch_related("photos", "unions", "topics", "tags", "credits__contributor")
        .filter(pk=article_pk)
        .first()
    )
    if article is None or _ended_since(article, made):
        raise Http404("预览链接无效或已过期。")
    if number is not None:
        revision = Revision.objects.filter(article=article, number=number).first()
        if revision is None:
            raise Http404("预览链接无效或已过期。")
        article = as_of(article, revision)
    response = render(
        request, "workflow/preview.html", {"article": article, "preview_revision": number}
    )
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def read_payload(payload) -> tuple[int, int | None, datetime.datetime]:
    """The story's key, the revision's number (None: as it is now) and the time the link
    was made that a token carries; ValueError for anything else (a token signed by an
    older or a broken version of this code must not reach a query with "abc" or a
    number past the column's range). A link from before links carried their time counts
    as made at the epoch: any publication or withdrawal ends it."""
    if not isinstance(payload, dict):
        raise ValueError("a preview token carries an object")
    article_pk = integer_key(Article._meta.pk, payload["a"])
    number = payload.get("r")
    if number is not None:
        number = integer_key(Revision._meta.get_field("number"), number)
    made = payload.get("t", 0)
    if type(made) is not int or not 0 <= made < 2**60:
        raise ValueError("a preview token's time is microseconds since the epoch")
    return article_pk, number, EPOCH + datetime.timedelta(microseconds=made)


def _ended_since(article: Article, made: datetime.datetime) -> bool:
    """Was the story published or withdrawn after the link was made?"""
    return Transition.objects.filter(
        article=article, action__in=ENDS_PREVIEWS, at__gt=made
    ).exists()


def as_of(article: Article, revision: Revision) -> Article:
    """An unsaved copy of the article as the revision kept it, with its credits, photos,
    unions and topics in the prefetch cache the templates read."""
    data = revision.data
    copy = Article(pk=article.pk, status=article.status, published_at=article.published_at)
    for name, value in data["fields"].items():
        setattr(copy, name, value)
    copy.column = Column.objects.filter(pk=data["fields"]["column_id"]).first()
    copy.print_page = PrintPage.objects.filter(pk=data["fields"]["print_page_id"]).first()
    copy._prefetched_objects_cache = {
        "credits": [
            Credit(
                contributor=Contributor(name=c["name"]),
                role=c["role"],
                label=c["label"],
                order=c["order"],
            )
            for c in data["credits"]
        ],
        "photos": [
            Photo(
                image=p["image"],
                caption=p["caption"],
                credit=p["credit"],
                alt_text=p["alt_text"],
                order=p["order"],
            )
            for p in data["photos"]
        ],
        "unions": list(Union.objects.filter(pk__in=[pk for pk, _ in data["unions"]])),
        "topics": list(Topic.objects.filter(pk__in=[pk for pk, _ in data["topics"]])),
        "tags": list(Tag.objects.filter(name__in=data["tags"])),
    }
    return copy
