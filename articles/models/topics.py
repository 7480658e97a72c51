"""What readers follow: topics (专题) and column straps (栏目)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse

from unions.text import pinyin_slug


def _published_stories():
    # Imported here: the stories module imports this one for its foreign keys.
    from articles.models.stories import Article

    return Article.objects.published()


class TopicQuerySet(models.QuerySet):
    def featured(self) -> "TopicQuerySet":
        """The top-level topics the header and the front page carry (送温暖, 学习型组织)."""
        return self.filter(is_featured=True, parent=None)

    def public(self) -> "TopicQuerySet":
        """Topics readers may open: featured ones, and those with a published story in
        them or a sub-topic. A topic only drafts are filed under names nothing yet."""
        stories = _published_stories()
        return self.filter(
            Q(is_featured=True)
            | Exists(stories.filter(topics=OuterRef("pk")))
            | Exists(stories.filter(topics__parent=OuterRef("pk")))
        )


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


class ColumnQuerySet(models.QuerySet):
    def public(self) -> "ColumnQuerySet":
        """Straps with at least one published story: a strap only drafts carry may name
        a campaign that has not been announced."""
        return self.filter(Exists(_published_stories().filter(column=OuterRef("pk"))))


class Column(models.Model):
    """A column strap (栏目) printed over reports of a running theme: 寒冬送暖 工会行动."""

    name = models.CharField("栏目名", max_length=60, unique=True)
    slug = models.SlugField("网址名", max_length=120, unique=True, blank=True)
    description = models.TextField("说明", blank=True)
    is_active = models.BooleanField("正在刊出", default=True)

    objects = ColumnQuerySet.as_manager()

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
