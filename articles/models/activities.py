"""What the unions did (工会活动), with the figures the federation counts, and the goods
given out (慰问品明细)."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Exists, F, Min, OuterRef, Q, Sum

from articles.models.stories import Article
from articles.models.topics import Topic
from unions.models import Union


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
    # Bumped by every save in the admin: two editors' forms are compared by it.
    version = models.PositiveIntegerField("版本", default=0, editable=False)

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
