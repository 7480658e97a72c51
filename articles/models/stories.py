"""The stories: printed pages and their imports, articles with their headline stacks,
credits and photos, and the one visibility rule `ArticleQuerySet.published()`."""

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.text import Truncator
from taggit.managers import TaggableManager

from articles.bylines import BylineCredit, render_byline
from articles.models.topics import Column, Topic
from unions.models import Union
from unions.text import pinyin_slug
from unions.vocabulary import ARTICLE_KINDS, CREDIT_ROLES


class PrintPageQuerySet(models.QuerySet):
    def public(self) -> "PrintPageQuerySet":
        """Pages carrying at least one published story.

        Tomorrow's edition is laid out today with stories scheduled for the morning: its
        pages stay out of the e-paper until their first story is public.
        """
        return self.filter(Exists(Article.objects.published().filter(print_page=OuterRef("pk"))))

    def latest_edition_date(self) -> "datetime.date | None":
        """The date of the newest edition among these pages, or None if there are none."""
        return self.order_by("-edition_date").values_list("edition_date", flat=True).first()


class PrintPage(models.Model):
    """A printed page (版面) of an edition: 2024年1月23日 第3版 工会新闻."""

    edition_date = models.DateField("出版日期")
    number = models.PositiveSmallIntegerField("版次", validators=[MinValueValidator(1)])
    name = models.CharField("版名", max_length=40, blank=True, help_text="例如：工会新闻")
    banner = models.CharField("通栏标题", max_length=200, blank=True)

    objects = PrintPageQuerySet.as_manager()

    class Meta:
        verbose_name = "版面"
        verbose_name_plural = "版面"
        ordering = ["-edition_date", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition_date", "number"], name="printpage_unique_number_per_edition"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="printpage_number_positive"),
        ]

    def __str__(self) -> str:
        date = f"{self.edition_date.year}年{self.edition_date.month}月{self.edition_date.day}日"
        return f"{date} {self.label}"

    def get_absolute_url(self) -> str:
        return reverse(
            "articles:epaper-page", kwargs={"date": self.edition_date, "number": self.number}
        )

    @property
    def label(self) -> str:
        """第3版 工会新闻: the page within its edition, as the e-paper and story lists print it."""
        return f"第{self.number}版 {self.name}".rstrip()


class PageImport(models.Model):
    """The kept record of one e-paper page dump turned into draft articles."""

    print_page = models.ForeignKey(
        PrintPage, verbose_name="版面", on_delete=models.PROTECT, related_name="imports"
    )
    raw_text = models.TextField("原始文本")
    text_sha256 = models.CharField("文本指纹", max_length=64, editable=False)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="导入人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported_at = models.DateTimeField("导入时间", auto_now_add=True)

    class Meta:
        verbose_name = "版面导入记录"
        verbose_name_plural = "版面导入记录"
        ordering = ["-imported_at"]
        indexes = [
            # importer: "was this exact text imported before?"
            models.Index(fields=["text_sha256"], name="pageimport_sha_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.print_page}（{timezone.localtime(self.imported_at):%Y-%m-%d %H:%M}）"


# Kinds and credit roles come from the one vocabulary the parser and bylines read too.
ArticleKind = models.TextChoices(
    "ArticleKind", [(value.upper(), (value, name)) for value, name in ARTICLE_KINDS.items()]
)


class ArticleStatus(models.TextChoices):
    # Scheduling is "published" with a future publication time: `published()` decides
    # at query time, so a story scheduled for 08:00 is public at 08:00 with nothing run.
    # Moves between states are the workflow's services (articles/workflow/services.py).
    DRAFT = "draft", "草稿"
    RETURNED = "returned", "已退回"
    REVIEW = "review", "待审"
    SIGNOFF = "signoff", "待签发"
    # A piece a union's correspondent filed that the paper does not take (未采用), with
    # the editor's reason: out of the queues, kept for the 考核's "filed" count.
    DECLINED = "declined", "未采用"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤稿"


# The body is plain text, one paragraph a line. A line that starts with the crosshead
# mark is a crosshead (小标题) inside a long story: the form's 小标题 button writes it, the
# page import reads it, the readers' page prints it as a heading of its own.
CROSSHEAD_MARK = "## "
PARAGRAPH, CROSSHEAD = "p", "h"


def body_blocks(body: str) -> list[tuple[str, str]]:
    """A body's paragraphs and crossheads in order, each stripped, empty lines dropped."""
    blocks = []
    for line in body.splitlines():
        text = line.strip()
        if text.startswith(CROSSHEAD_MARK.strip()):
            heading = text.removeprefix(CROSSHEAD_MARK.strip()).strip()
            if heading:
                blocks.append((CROSSHEAD, heading))
        elif text:
            blocks.append((PARAGRAPH, text))
    return blocks


def count_chars(text: str) -> int:
    """字数 as a page is measured: every character but whitespace and crosshead marks."""
    return sum(len("".join(block.split())) for _, block in body_blocks(text))


# Signed off for readers (签发): public, scheduled for later, or public once and withdrawn
# since. Their writes change what readers see, now or at their time (the page cache), and
# only those who may publish change them (the workflow).
SIGNED_OFF = (ArticleStatus.PUBLISHED, ArticleStatus.WITHDRAWN)


# The permissions of `Article.Meta`, as `user.has_perm` names them.
PUBLISH_ARTICLE = "articles.publish_article"
CHANGE_ANY_ARTICLE = "articles.change_any_article"


class ArticleQuerySet(models.QuerySet):
    # The clock is `timezone.now()`, read when the queryset is built: tests move it, and a
    # caller that reads it once passes `now` to more than one rule.
    def published(self, now: "datetime.datetime | None" = None) -> "ArticleQuerySet":
        """The one rule for what readers may see. Every public view, feed and export uses it."""
        now = timezone.now() if now is None else now
        return self.filter(status=ArticleStatus.PUBLISHED, published_at__lte=now)

    def scheduled(self, now: "datetime.datetime | None" = None) -> "ArticleQuerySet":
        """Signed off for a time still to come: published, not yet public (`is_scheduled`)."""
        now = timezone.now() if now is None else now
        return self.filter(status=ArticleStatus.PUBLISHED, published_at__gt=now)

    def signed_off(self) -> "ArticleQuerySet":
        """Public, scheduled, or withdrawn after being public (`SIGNED_OFF`, `is_signed_off`)."""
        return self.filter(status__in=SIGNED_OFF)

    def without_corrections(self) -> "ArticleQuerySet":
        """Reports only, corrections (更正, 说明) left out: a story of kind 更正, or one
        linked to the story it corrects (an editor may set either). The front page and
        the section pages list these and the monthly summary counts these; a correction is
        reached through the story it corrects, the archive, search and the feeds."""
        return self.exclude(kind=ArticleKind.CORRECTION).filter(corrects__isnull=True)

    def with_byline(self) -> "ArticleQuerySet":
        return self.prefetch_related(
            models.Prefetch("credits", queryset=Credit.objects.select_related("contributor"))
        )

    def for_list(self) -> "ArticleQuerySet":
        """What every story list prints beside a headline: the page it ran on, its strap."""
        return self.select_related("print_page", "column")

    def editable_by(self, user) -> "ArticleQuerySet":
        """The one ownership rule: editors and the chief editor work on everyone's copy,
        reporters on their own. The admin lists these; `workflow.services.can_edit` asks
        it of one story, and adds who may touch signed-off copy."""
        if user.has_perm(CHANGE_ANY_ARTICLE):
            return self.all()
        return self.filter(created_by_id=user.pk)

    def in_topic(self, topic: "Topic") -> "ArticleQuerySet":
        """Stories filed under the topic or one of its sub-topics (学习型组织 takes in 职工书屋).

        A semi-join rather than a join: a story in two sub-topics is listed once, with no
        DISTINCT to sort the whole set before the LIMIT of a page.
        """
        filed = Article.topics.through.objects.filter(article_id=OuterRef("pk")).filter(
            Q(topic_id=topic.pk) | Q(topic__parent_id=topic.pk)
        )
        return self.filter(Exists(filed))

    def about_union(self, union: Union) -> "ArticleQuerySet":
        """Stories about the union or any union below it: a district takes in its streets,
        towns and enterprises (`UnionQuerySet.subtree()`: one prefix match, no recursion)."""
        about = Article.unions.through.objects.filter(
            article_id=OuterRef("pk"), union__in=Union.objects.subtree(union)
        )
        return self.filter(Exists(about))

    # The two halves of "related stories" (articles.public.views.related_stories): each
    # a semi-join per row, so with a LIMIT and the newest first PostgreSQL walks the
    # publication index and stops after a few rows. Joined by OR in one query, it hashed
    # every story of a popular topic instead (18,000 rows, ~30 ms at 100k stories).
    def in_any_topic(self, topic_ids) -> "ArticleQuerySet":
        """Stories filed under one of these topics (exactly these, not their sub-topics)."""
        filed = Article.topics.through.objects.filter(
            article_id=OuterRef("pk"), topic_id__in=topic_ids
        )
        return self.filter(Exists(filed))

    def about_any_union(self, union_ids) -> "ArticleQuerySet":
        """Stories about one of these unions (exactly these, not their subtrees)."""
        about = Article.unions.through.objects.filter(
            article_id=OuterRef("pk"), union_id__in=union_ids
        )
        return self.filter(Exists(about))

    def in_print_order(self) -> "ArticleQuerySet":
        """Stories as the printed page runs them, top to bottom."""
        return self.order_by("print_order", "pk")


# A story's address without a `reverse()` per link: list pages print dozens of story
# links, and each reverse() took ~25 µs (bench/profile_page.py). The address is reversed
# once per URLconf and script prefix with two placeholders, then filled in; a slug the
# slug converter would not take (and reverse() would refuse) still goes through reverse().
# tests/public/test_article.py checks it equals reverse() under a script prefix too.
_PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_PK_PLACEHOLDER = "9081726354"
_SLUG_PLACEHOLDER = "slug-placeholder-zq"
_ARTICLE_URL_PARTS: dict[tuple, tuple[str, str, str] | None] = {}


def _article_url_parts() -> tuple[str, str, str] | None:
    """The story address around its id and slug, or None when it cannot be split."""
    where = (get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    try:
        return _ARTICLE_URL_PARTS[where]
    except KeyError:
        pass
    url = reverse(
        "articles:article-detail", kwargs={"pk": _PK_PLACEHOLDER, "slug": _SLUG_PLACEHOLDER}
    )
    parts = None
    if url.count(_PK_PLACEHOLDER) == 1 and url.count(_SLUG_PLACEHOLDER) == 1:
        before_pk, rest = url.split(_PK_PLACEHOLDER)
        between, after_slug = rest.split(_SLUG_PLACEHOLDER)
        parts = (before_pk, between, after_slug)
    _ARTICLE_URL_PARTS[where] = parts
    return parts


class Article(models.Model):
    kicker = models.CharField("引题", max_length=200, blank=True)
    title = models.CharField("主题", max_length=200)
    subtitle = models.CharField("副题", max_length=200, blank=True)
    slug = models.SlugField("网址名", max_length=120, blank=True, allow_unicode=False)
    column = models.ForeignKey(
        Column,
        verbose_name="栏目",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    kind = models.CharField("体裁", max_length=20, choices=ArticleKind, default=ArticleKind.NEWS)
    dateline = models.CharField(
        "电头",
        max_length=40,
        blank=True,
        default="本报讯",
        help_text="例如：本报讯、本报1月22日讯、本网讯。图片报道留空。",
    )
    lead = models.TextField("摘要", blank=True, help_text="用于列表和分享卡片；留空则取正文开头。")
    body = models.TextField("正文", help_text="每段一行；从版面或 Word 粘贴时保留分段。")
    topics = models.ManyToManyField(Topic, verbose_name="专题", blank=True, related_name="articles")
    tags = TaggableManager("标签", blank=True, help_text="用逗号分隔多个标签。")
    unions = models.ManyToManyField(
        Union, verbose_name="涉及工会", blank=True, related_name="articles"
    )
    print_page = models.ForeignKey(
        PrintPage,
        verbose_name="刊登版面",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
    )
    print_order = models.PositiveSmallIntegerField("版内顺序", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=20, choices=ArticleStatus, default=ArticleStatus.DRAFT
    )
    published_at = models.DateTimeField(
        "发布时间", null=True, blank=True, help_text="设为将来的时间即定时发布。"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    page_import = models.ForeignKey(
        PageImport,
        verbose_name="导入记录",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    # The union a correspondent filed the piece for (来稿单位): its 宣传信息考核 points go
    # there and up the tree. Empty for the newsroom's own copy.
    source_union = models.ForeignKey(
        Union,
        verbose_name="来稿单位",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="filed_articles",
        help_text="通讯员来稿时所代表的工会；考核积分计入这个工会及其上级。",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    corrects = models.ForeignKey(
        "self",
        verbose_name="更正的稿件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="corrections",
        help_text="这篇稿件是更正或说明时，选择被更正的原稿；原稿页面会显示更正启事。",
    )
    # Bumped by every save of the content (workflow.services.save_article): the number of
    # the latest revision, and the token two editors' forms are compared by.
    version = models.PositiveIntegerField("版本", default=0, editable=False)
    # How copy is measured for a page: the characters of the lead and the body, spaces and
    # crosshead marks left out (`count_chars`); kept on every save for the desk's lists.
    char_count = models.PositiveIntegerField("字数", default=0, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = "稿件"
        verbose_name_plural = "稿件"
        ordering = ["-published_at", "-id"]
        permissions = [
            ("publish_article", "签发、定时发布、撤稿和修改已发布稿件"),
            ("change_any_article", "修改他人的稿件"),
        ]
        indexes = [
            # ArticleQuerySet.published() ordered by -published_at: every public list.
            models.Index(fields=["status", "-published_at"], name="article_published_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ArticleStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="article_published_has_time",
            ),
            models.UniqueConstraint(
                fields=["print_page", "print_order"],
                condition=Q(print_page__isnull=False, print_order__isnull=False),
                name="article_unique_print_order",
                violation_error_message="同一版面上已有稿件使用这个版内顺序。",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = pinyin_slug(self.title, max_length=80) or "article"
        if self.status == ArticleStatus.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        self.char_count = count_chars(self.lead) + count_chars(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"lead", "body"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "char_count"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        if not self.slug:  # an unsaved form's instance: the short link still finds the story
            return reverse("articles:article-short", kwargs={"pk": self.pk})
        plain = isinstance(self.pk, int) and _PLAIN_SLUG.fullmatch(self.slug)
        parts = _article_url_parts() if plain else None
        if parts is None:
            return reverse("articles:article-detail", kwargs={"pk": self.pk, "slug": self.slug})
        before_pk, between, after_slug = parts
        return f"{before_pk}{self.pk}{between}{self.slug}{after_slug}"

    def clean(self) -> None:
        # Publishing without a time means "now"; set it before the constraints are checked.
        if self.status == ArticleStatus.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    @property
    def headline(self) -> str:
        return " ".join(part for part in (self.kicker, self.title, self.subtitle) if part)

    @property
    def paragraphs(self) -> list[str]:
        """The body's text paragraphs, crossheads left out (`blocks` has both)."""
        return [text for kind, text in body_blocks(self.body) if kind == PARAGRAPH]

    @property
    def blocks(self) -> list[tuple[str, str]]:
        """The body in order: (PARAGRAPH, text) and (CROSSHEAD, text)."""
        return body_blocks(self.body)

    @property
    def summary(self) -> str:
        """The lead, or the opening of the body: list entries, feeds and share cards."""
        if self.lead:
            return self.lead
        paragraphs = self.paragraphs
        return Truncator(paragraphs[0]).chars(90) if paragraphs else ""

    @property
    def is_public(self) -> bool:
        """`ArticleQuerySet.published()` for one row already in memory (the admin's "view on
        site" link): the two must change together."""
        return (
            self.status == ArticleStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        """`ArticleQuerySet.scheduled()` for one row: signed off for a time still to come,
        published, not yet public."""
        return self.status == ArticleStatus.PUBLISHED and not self.is_public

    @property
    def is_signed_off(self) -> bool:
        """`ArticleQuerySet.signed_off()` for one row: public, scheduled, or withdrawn."""
        return self.status in SIGNED_OFF

    @property
    def byline(self) -> str:
        """The house byline; list views prefetch credits with `with_byline()`."""
        credits = [
            BylineCredit(role=c.role, name=c.contributor.name, label=c.label)
            for c in self.credits.all()
        ]
        return render_byline(self.kind, self.dateline, credits)


class Contributor(models.Model):
    """Someone credited on stories: a staff reporter, or a correspondent from a union."""

    name = models.CharField("姓名", max_length=40)
    union = models.ForeignKey(
        Union,
        verbose_name="所在工会",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributors",
        help_text="通讯员填写所在单位工会；本报记者留空。",
    )
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = "作者"
        verbose_name_plural = "作者"
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}（{self.union.display_name}）" if self.union_id else self.name


CreditRole = models.TextChoices(
    "CreditRole", [(value.upper(), (value, name)) for value, name in CREDIT_ROLES.items()]
)


class Credit(models.Model):
    article = models.ForeignKey(
        Article, verbose_name="稿件", on_delete=models.CASCADE, related_name="credits"
    )
    contributor = models.ForeignKey(
        Contributor, verbose_name="作者", on_delete=models.PROTECT, related_name="credits"
    )
    role = models.CharField("角色", max_length=20, choices=CreditRole, default=CreditRole.REPORTER)
    label = models.CharField(
        "署名称谓",
        max_length=20,
        blank=True,
        help_text="与角色默认写法不同时填写，例如：见习记者、特约记者。",
    )
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "署名"
        verbose_name_plural = "署名"
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "contributor", "role"], name="credit_unique_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.label or self.get_role_display()} {self.contributor.name}"


def validate_photo_size(image) -> None:
    # A stored photo was checked when it came in (articles.photos.pipeline); its size is
    # not asked again on every save of its story, a request per photo to an object store.
    if getattr(image, "_committed", False):
        return
    if image.size > settings.MAX_PHOTO_BYTES:
        limit = settings.MAX_PHOTO_BYTES // (1024 * 1024)
        raise ValidationError(f"图片不能超过 {limit} MB。")


class Photo(models.Model):
    article = models.ForeignKey(
        Article, verbose_name="稿件", on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(
        "图片",
        upload_to="photos/%Y/%m/",
        width_field="width",
        height_field="height",
        validators=[validate_photo_size],
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    caption = models.TextField("图片说明", blank=True)
    credit = models.CharField("图片署名", max_length=80, blank=True, help_text="例如：周美玉 摄")
    alt_text = models.CharField(
        "替代文字", max_length=200, blank=True, help_text="为读屏软件描述画面；留空则用图片说明。"
    )
    order = models.PositiveSmallIntegerField("排序", default=0)
    # Where the subject is, in percent of the width and height: the crops (the og:image,
    # the square thumbnails) keep this point in view. Set by a click in the admin.
    focal_x = models.PositiveSmallIntegerField(
        "焦点横向位置", default=50, validators=[MaxValueValidator(100)]
    )
    focal_y = models.PositiveSmallIntegerField(
        "焦点纵向位置", default=50, validators=[MaxValueValidator(100)]
    )
    # What articles/photos/renditions.py made from the master (sizes, formats, the folder
    # key): read by the reader pages without a query of their own. Empty: none made yet.
    renditions = models.JSONField("缩放图", default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = "图片"
        verbose_name_plural = "图片"
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(focal_x__lte=100) & Q(focal_y__lte=100), name="photo_focal_in_frame"
            )
        ]

    def __str__(self) -> str:
        return self.caption[:40] or self.image.name
