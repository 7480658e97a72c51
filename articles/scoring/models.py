"""The 考核's tables staff edit: the points table (`PointsRule`, one row per kind group and
placement) and the policy (`ScoringPolicy`, one row), and the permission to see rankings.

Points are not stored per story: `articles.scoring.awards` reads them from these tables when
a ranking is asked for, so a story moved, withdrawn or re-credited, or a rule changed, is
counted anew by the next ranking with nothing kept in step (see the package's decisions).
"""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q


class KindGroup(models.TextChoices):
    """The kinds (体裁) the points table tells apart; `KIND_GROUPS` maps the vocabulary's."""

    NEWS = "news", "消息/通讯"
    BRIEF = "brief", "简讯"
    PHOTO = "photo", "图片"


# Every article kind of unions/vocabulary.py but 更正 (a notice, not a piece) has a group;
# tests/scoring/test_rules.py fails if a new kind is added without one.
KIND_GROUPS: dict[str, str] = {
    "news": KindGroup.NEWS,
    "feature": KindGroup.NEWS,
    "brief": KindGroup.BRIEF,
    "photo": KindGroup.PHOTO,
}
UNSCORED_KINDS = frozenset({"correction"})


class Placement(models.TextChoices):
    """Where a piece ran: the front page's lead (第1版, 版内顺序 1), elsewhere on the front
    page, another page, or the website only (no printed page)."""

    FRONT_LEAD = "front_lead", "头版头条"
    FRONT = "front", "头版"
    INSIDE = "inside", "其他版"
    WEB = "web", "网站"


def placement_of(page_number: int | None, print_order: int | None) -> str:
    if page_number is None:
        return Placement.WEB
    if page_number == 1:
        return Placement.FRONT_LEAD if print_order == 1 else Placement.FRONT
    return Placement.INSIDE


# The table a fresh database starts with (migration 0002): points and 稿费 in yuan.
# A 简讯 is half a 消息; a photo has its own row.
DEFAULT_RULES: dict[tuple[str, str], tuple[str, str]] = {
    (KindGroup.NEWS, Placement.FRONT_LEAD): ("10", "200"),
    (KindGroup.NEWS, Placement.FRONT): ("6", "120"),
    (KindGroup.NEWS, Placement.INSIDE): ("4", "80"),
    (KindGroup.NEWS, Placement.WEB): ("2", "40"),
    (KindGroup.BRIEF, Placement.FRONT_LEAD): ("5", "100"),
    (KindGroup.BRIEF, Placement.FRONT): ("3", "60"),
    (KindGroup.BRIEF, Placement.INSIDE): ("2", "40"),
    (KindGroup.BRIEF, Placement.WEB): ("1", "20"),
    (KindGroup.PHOTO, Placement.FRONT_LEAD): ("8", "150"),
    (KindGroup.PHOTO, Placement.FRONT): ("5", "100"),
    (KindGroup.PHOTO, Placement.INSIDE): ("3", "60"),
    (KindGroup.PHOTO, Placement.WEB): ("1", "20"),
}


class PointsRule(models.Model):
    kind_group = models.CharField("体裁", max_length=10, choices=KindGroup.choices)
    placement = models.CharField("刊发位置", max_length=12, choices=Placement.choices)
    points = models.DecimalField(
        "积分",
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
        help_text="每篇采用稿件的积分。",
    )
    fee = models.DecimalField(
        "稿费（元）",
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
        help_text="每篇采用稿件的稿费，单位：元。",
    )

    class Meta:
        verbose_name = "积分标准"
        verbose_name_plural = "积分标准"
        ordering = ["kind_group", "placement"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind_group", "placement"], name="pointsrule_unique_kind_placement"
            ),
            models.CheckConstraint(
                condition=Q(points__gte=0) & Q(fee__gte=0), name="pointsrule_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_group_display()} · {self.get_placement_display()}"


class SharedCredit(models.TextChoices):
    SPLIT = "split", "平分"
    FULL = "full", "各得全额"


SHARED_CREDIT_HELP = (
    "一篇稿件署有几位通讯员时："
    "“平分”即每人得该稿积分和稿费的几分之一（默认）；“各得全额”即每人都得全额。"
    "单位积分每篇稿件只计一次：同一单位（含下属单位）的几位通讯员合写一篇，"
    "单位按全额计；几个单位合写时，平分下各单位按本单位通讯员所占份额计，各得全额下各计全额。"
)


class ScoringPolicy(models.Model):
    """The 考核's rules besides the points table; one row (`load()`)."""

    shared_credit = models.CharField(
        "多位通讯员署名",
        max_length=10,
        choices=SharedCredit.choices,
        default=SharedCredit.SPLIT,
        help_text=SHARED_CREDIT_HELP,
    )
    excellent_correspondents = models.PositiveSmallIntegerField(
        "优秀通讯员名额",
        default=10,
        help_text="年度通报中按积分排名的前几名通讯员（并列者一同入选）。",
    )
    advanced_units = models.PositiveSmallIntegerField(
        "每个层级的先进单位名额",
        default=3,
        help_text="年度通报中各层级按积分排名的前几名单位（并列者一同入选）。",
    )
    issuer = models.CharField(
        "通报落款",
        max_length=120,
        blank=True,
        help_text="例如：北京市总工会宣传部。留空则用所选范围的工会名称。",
    )

    class Meta:
        verbose_name = "考核办法"
        verbose_name_plural = "考核办法"
        constraints = [
            # One row: the admin edits it, `load()` reads it.
            models.CheckConstraint(condition=Q(id=1), name="scoringpolicy_single_row"),
        ]

    def __str__(self) -> str:
        return "考核办法"

    @classmethod
    def load(cls) -> "ScoringPolicy":
        # A database whose row was deleted still ranks, with the defaults.
        return cls.objects.filter(pk=1).first() or cls(pk=1)


class Ranking(models.Model):
    """No table: carries `scoring.view_ranking`, which lets federation staff (统计) and
    the chief editor open the rankings, the 通报 and their files."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_ranking", "查看和导出宣传信息考核排名")]
        verbose_name = "考核排名"
        verbose_name_plural = "考核排名"

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
