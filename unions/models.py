from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse

from unions.text import pinyin_slug
from unions.vocabulary import UNION_LEVELS

PATH_SEPARATOR = "/"


# The levels come from the one vocabulary (unions/vocabulary.py) the parser reads too.
UnionLevel = models.TextChoices(
    "UnionLevel", [(value.upper(), (value, name)) for value, name in UNION_LEVELS.items()]
)


class UnionQuerySet(models.QuerySet):
    def subtree(self, union: "Union") -> "UnionQuerySet":
        """The union and everything below it: one prefix match on the indexed path."""
        return self.filter(path__startswith=union.path)

    def ancestors_of(self, union: "Union") -> "UnionQuerySet":
        """The union's ancestors, city federation first (excluding the union itself)."""
        return self.filter(pk__in=union.ancestor_ids).order_by("path")


class Union(models.Model):
    """A trade union in the city's tree, from the city federation down to a branch.

    The tree is kept as a materialized path ("/1/4/17/": the primary keys from the root
    down), so "this union and everything below it" is one indexed prefix query instead
    of a recursion, on PostgreSQL and SQLite alike. A parent foreign key stays the
    editable truth; `path` and `district` are derived from it on save.
    """

    name = models.CharField("全称", max_length=120, unique=True)
    short_name = models.CharField("简称", max_length=60, blank=True)
    aliases = models.TextField(
        "其他称呼",
        blank=True,
        help_text="稿件中对该工会的其他叫法，每行一个，例如“中关村怀柔园工会”。",
    )
    level = models.CharField("层级", max_length=20, choices=UnionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级工会",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    district = models.ForeignKey(
        "self",
        verbose_name="所属区",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="district_members",
        help_text="由上级关系自动确定：本身或最近的区总工会。",
    )
    path = models.CharField("树路径", max_length=255, editable=False, default="")
    slug = models.SlugField("网址名", max_length=120, unique=True, blank=True)
    description = models.TextField("简介", blank=True)

    objects = UnionQuerySet.as_manager()

    class Meta:
        verbose_name = "工会组织"
        verbose_name_plural = "工会组织"
        ordering = ["path"]
        indexes = [
            # UnionQuerySet.subtree(): `path LIKE '/1/4/%'`. PostgreSQL needs the pattern
            # operator class for LIKE to use a btree index under a non-C collation.
            models.Index(fields=["path"], name="union_path_idx", opclasses=["varchar_pattern_ops"]),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("id")), name="union_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = self._unique_slug()
        if self.pk is not None:
            self._derive_tree_fields()
            super().save(*args, **kwargs)
            return
        # A new row's path contains its own primary key, known only after the insert.
        with transaction.atomic():
            super().save(*args, **kwargs)
            self._derive_tree_fields()
            type(self).objects.filter(pk=self.pk).update(path=self.path, district=self.district)

    def get_absolute_url(self) -> str:
        return reverse("unions:union-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.parent_id is None or self.pk is None:
            return
        if self.parent_id == self.pk or f"{PATH_SEPARATOR}{self.pk}{PATH_SEPARATOR}" in (
            self.parent.path
        ):
            raise ValidationError({"parent": "上级工会不能是它自己或它的下级工会。"})

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]

    @property
    def all_names(self) -> list[str]:
        """Every name the union goes by in copy, full name first."""
        names = [self.name, self.short_name, *self.alias_list]
        return list(dict.fromkeys(n for n in names if n))

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(pk) for pk in self.path.strip(PATH_SEPARATOR).split(PATH_SEPARATOR)[:-1] if pk]

    @property
    def depth(self) -> int:
        return self.path.count(PATH_SEPARATOR) - 1

    def _derive_tree_fields(self) -> None:
        parent = self.parent
        if parent is not None and f"{PATH_SEPARATOR}{self.pk}{PATH_SEPARATOR}" in parent.path:
            raise ValueError(f"{self.name}: a union cannot be its own ancestor")
        prefix = parent.path if parent is not None else PATH_SEPARATOR
        self.path = f"{prefix}{self.pk}{PATH_SEPARATOR}"
        if self.level == UnionLevel.DISTRICT:
            self.district = self
        else:
            self.district_id = parent.district_id if parent is not None else None

    def _unique_slug(self) -> str:
        base = pinyin_slug(self.short_name or self.name, max_length=100) or "union"
        slug, n = base, 2
        while type(self).objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug


class Official(models.Model):
    """A person holding a post in a union, named in copy with the post first."""

    union = models.ForeignKey(
        Union, verbose_name="工会", on_delete=models.CASCADE, related_name="officials"
    )
    name = models.CharField("姓名", max_length=40)
    post = models.CharField("职务", max_length=120, help_text="例如：党组书记、工会主席")
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "工会负责人"
        verbose_name_plural = "工会负责人"
        ordering = ["union", "order", "id"]

    def __str__(self) -> str:
        # The paper's form: 怀柔区总工会党组书记、工会主席樊晓娟
        return f"{self.union.display_name}{self.post}{self.name}"


class FacilityKind(models.TextChoices):
    SERVICE_STATION = "service_station", "工会服务站"
    LIBRARY = "library", "职工书屋"
    OTHER = "other", "其他阵地"


class Facility(models.Model):
    union = models.ForeignKey(
        Union, verbose_name="所属工会", on_delete=models.CASCADE, related_name="facilities"
    )
    kind = models.CharField("类型", max_length=20, choices=FacilityKind.choices)
    name = models.CharField("名称", max_length=120)
    address = models.CharField("地址", max_length=200, blank=True)
    description = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "服务阵地"
        verbose_name_plural = "服务阵地"
        ordering = ["union__path", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["union", "name"], name="facility_unique_name_per_union")
        ]

    def __str__(self) -> str:
        return self.name
