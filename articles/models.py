import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Exists, F, Min, OuterRef, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from taggit.managers import TaggableManager

from articles.bylines import BylineCredit, render_byline
from unions.models import Union
from unions.text import pinyin_slug
from unions.vocabulary import ARTICLE_KINDS, CREDIT_ROLES


class TopicQuerySet(models.QuerySet):
    def featured(self) -> "TopicQuerySet":
        """The top-level topics the header and the front page carry (送温暖, 学习型组织)."""
        return self.filter(is_featured=True, parent=None)


class Topic(models.Model):
    """A running subject readers follow: 送温暖, 学习型组织 and its sub-topics, 维权 ..."""

    name = models.CharField("名称", max_length=40, unique=True)
    slug = models.SlugField("网址名", max_length=80, unique=True, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级专题",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    intro = models.TextField("导语", blank=True, help_text="专题页顶部的简短介绍。")
    is_featured = models.BooleanField("首页专栏", default=False)
    order = models.PositiveSmallIntegerField("排序", default=0)

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = "专题"
        verbose_name_plural = "专题"
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("id")), name="topic_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = pinyin_slug(self.name, max_length=80)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:topic-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        # Topics are two levels deep (学习型组织 > 职工书屋); deeper trees only confuse.
        if self.parent_id is not None and (
            self.parent_id == self.pk or self.parent.parent_id is not None
        ):
            raise ValidationError({"parent": "上级专题必须是一个顶层专题，且不能是它自己。"})


class Column(models.Model):
    """A column strap (栏目) printed over reports of a running theme: 寒冬送暖 工会行动."""

    name = models.CharField("栏目名", max_length=60, unique=True)
    slug = models.SlugField("网址名", max_length=120, unique=True, blank=True)
    description = models.TextField("说明", blank=True)
    is_active = models.BooleanField("正在刊出", default=True)

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"
        ordering = ["-is_active", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = pinyin_slug(self.name, max_length=120)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:column-detail", kwargs={"slug": self.slug})


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
    # A workflow (review by an editor, sign-off by the chief editor) adds states here;
    # scheduling is already expressed as "published" with a future publication time.
    DRAFT = "draft", "草稿"
    REVIEW = "review", "待审"
    PUBLISHED = "published", "已发布"


class ArticleQuerySet(models.QuerySet):
    def published(self) -> "ArticleQuerySet":
        """The one rule for what readers may see. Every public view, feed and export uses it."""
        return self.filter(status=ArticleStatus.PUBLISHED, published_at__lte=timezone.now())

    def with_byline(self) -> "ArticleQuerySet":
        return self.prefetch_related(
            models.Prefetch("credits", queryset=Credit.objects.select_related("contributor"))
        )

    def for_list(self) -> "ArticleQuerySet":
        """What every story list prints beside a headline: the page it ran on, its strap."""
        return self.select_related("print_page", "column")

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

    def related_to(self, article: "Article") -> "ArticleQuerySet":
        """Other stories sharing a topic or a union with this one."""
        shares_topic = Article.topics.through.objects.filter(
            article_id=OuterRef("pk"), topic__articles=article
        )
        shares_union = Article.unions.through.objects.filter(
            article_id=OuterRef("pk"), union__articles=article
        )
        return self.filter(Exists(shares_topic) | Exists(shares_union)).exclude(pk=article.pk)

    def in_print_order(self) -> "ArticleQuerySet":
        """Stories as the printed page runs them, top to bottom."""
        return self.order_by("print_order", "pk")


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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = "稿件"
        verbose_name_plural = "稿件"
        ordering = ["-published_at", "-id"]
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
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:article-detail", kwargs={"pk": self.pk, "slug": self.slug})

    def clean(self) -> None:
        # Publishing without a time means "now"; set it before the constraints are checked.
        if self.status == ArticleStatus.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    @property
    def headline(self) -> str:
        return " ".join(part for part in (self.kicker, self.title, self.subtitle) if part)

    @property
    def paragraphs(self) -> list[str]:
        return [line.strip() for line in self.body.splitlines() if line.strip()]

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

    class Meta:
        verbose_name = "图片"
        verbose_name_plural = "图片"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.caption[:40] or self.image.name


class ActivityKind(models.TextChoices):
    WARMTH_VISIT = "warmth_visit", "送温暖走访慰问"
    GIFTS = "gifts", "发放慰问品"
    RELIEF_MONEY = "relief_money", "发放慰问金"
    LIBRARY = "library", "职工书屋建设"
    LEARNING = "learning", "学习型组织创建"
    PARENT_CHILD = "parent_child", "亲子活动"
    TRAINING = "training", "技能培训"
    CULTURE = "culture", "文体活动"
    EXCHANGE = "exchange", "工作交流"
    OTHER = "other", "其他"


class ActivityQuerySet(models.QuerySet):
    """Reads behind the public figures. Readers see only `reported()` activities."""

    def reported(self) -> "ActivityQuerySet":
        """Activities told in at least one published story.

        An activity entered ahead of its report, or told only in a draft, is newsroom
        knowledge: its figures reach readers when the story does, like the story itself.
        """
        return self.filter(Exists(Article.objects.published().filter(activities=OuterRef("pk"))))

    def in_subtree(self, union: Union) -> "ActivityQuerySet":
        """Held by the union or any union below it: a district's figures roll up."""
        return self.filter(union__in=Union.objects.subtree(union))

    def in_topic(self, topic: Topic) -> "ActivityQuerySet":
        """Told in a published story of the topic or one of its sub-topics."""
        stories = Article.objects.published().in_topic(topic).filter(activities=OuterRef("pk"))
        return self.filter(Exists(stories))

    def figures(self) -> dict:
        """The federation's counts over these activities, in total and per kind.

        One grouped query: the totals are added up from the rows per kind. A figure no
        report gave stays None rather than 0, so the page can leave it out.
        """
        sums = ("beneficiaries", "relief_money", "unions_reached")
        rows = list(
            self.values("kind")
            .annotate(activities=Count("pk"), **{name: Sum(name) for name in sums})
            .order_by("-activities", "kind")
        )
        totals = {"activities": sum(row["activities"] for row in rows)}
        for name in sums:
            values = [row[name] for row in rows if row[name] is not None]
            totals[name] = sum(values) if values else None
        labels = dict(ActivityKind.choices)
        totals["by_kind"] = [(labels.get(r["kind"], r["kind"]), r["activities"]) for r in rows]
        return totals

    def most_active_unions(self, limit: int = 5) -> list[dict]:
        """The unions holding most of these activities, busiest first, with their counts."""
        rows = (
            self.values("union__name", "union__short_name", "union__slug")
            .annotate(activities=Count("pk"), beneficiaries=Sum("beneficiaries"))
            .order_by("-activities", "union__path")[:limit]
        )
        return list(rows)


class Activity(models.Model):
    """What a union did, with the figures the federation counts in its monthly report."""

    title = models.CharField("活动名称", max_length=200)
    union = models.ForeignKey(
        Union, verbose_name="主办工会", on_delete=models.PROTECT, related_name="activities"
    )
    kind = models.CharField("类型", max_length=20, choices=ActivityKind)
    start_date = models.DateField("开始日期")
    end_date = models.DateField("结束日期", null=True, blank=True, help_text="单日活动留空。")
    place = models.CharField("地点", max_length=200, blank=True)
    participants = models.PositiveIntegerField("参与人数", null=True, blank=True)
    beneficiaries = models.PositiveIntegerField("惠及职工人数", null=True, blank=True)
    unions_reached = models.PositiveIntegerField(
        "慰问基层工会数", null=True, blank=True, help_text="例如：向4家基层工会送去慰问金。"
    )
    relief_money = models.DecimalField(
        "慰问金（元）",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="金额未见报时留空。",
    )
    articles = models.ManyToManyField(
        Article, verbose_name="相关报道", blank=True, related_name="activities"
    )
    internal_note = models.TextField(
        "内部备注", blank=True, help_text="仅编辑部可见，任何公开页面和导出都不显示。"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = "工会活动"
        verbose_name_plural = "工会活动"
        ordering = ["-start_date", "-id"]
        indexes = [
            # Monthly summaries select activities by date range.
            models.Index(fields=["start_date"], name="activity_start_date_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="activity_end_after_start",
                violation_error_message="结束日期不能早于开始日期。",
            ),
            models.CheckConstraint(
                condition=Q(relief_money__isnull=True) | Q(relief_money__gte=0),
                name="activity_relief_money_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "结束日期不能早于开始日期。"})


def printed_quantity(quantity: int | None, unit: str, *, minimum: bool) -> str:
    """An amount as the paper prints it: 1030份, 70余册 ("70 and more"); "" if never printed."""
    if quantity is None:
        return ""
    return f"{quantity}{'余' if minimum else ''}{unit}"


class GiftLineQuerySet(models.QuerySet):
    def totals(self) -> list[dict]:
        """Quantities added up per item and unit, for the figures readers see.

        `approximate` counts lines printed as "70余册"; a total containing one is a minimum
        too. `quantity` stays None for goods whose amount was never printed (米、面、油).
        """
        rows = (
            self.values("item", "unit")
            .annotate(
                quantity=Sum("quantity"),
                approximate=Count("pk", filter=Q(quantity_is_minimum=True)),
                # Goods without a count keep the order the report gave them: 米、面、油.
                first_order=Min("order"),
            )
            .order_by(F("quantity").desc(nulls_last=True), "first_order", "item")
        )
        return list(rows)


class GiftLine(models.Model):
    """One kind of goods given out: 温暖礼包 1030份, 图书 70余册, 米、面、油."""

    activity = models.ForeignKey(
        Activity, verbose_name="活动", on_delete=models.CASCADE, related_name="gift_lines"
    )
    item = models.CharField("物品", max_length=80)
    quantity = models.PositiveIntegerField(
        "数量", null=True, blank=True, help_text="未见报时留空。"
    )
    quantity_is_minimum = models.BooleanField(
        "数量为约数", default=False, help_text="稿件写“70余册”时勾选，数量填70。"
    )
    unit = models.CharField("单位", max_length=10, blank=True, help_text="份、册、袋……")
    value = models.DecimalField(
        "总价值（元）",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    order = models.PositiveSmallIntegerField("排序", default=0)

    objects = GiftLineQuerySet.as_manager()

    class Meta:
        verbose_name = "慰问品明细"
        verbose_name_plural = "慰问品明细"
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0),
                name="giftline_value_not_negative",
            ),
        ]

    def __str__(self) -> str:
        if self.quantity is None:
            return self.item
        amount = printed_quantity(self.quantity, self.unit, minimum=self.quantity_is_minimum)
        return f"{self.item} {amount}"
