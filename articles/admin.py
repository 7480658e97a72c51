from decimal import Decimal

from django.contrib import admin
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from articles.copydesk import services as copydesk
from articles.copydesk.figures import (
    GOODS_UNITS,
    MONEY_UNITS,
    ORGANIZATION_UNITS,
    PEOPLE_UNITS,
    is_minimum,
    read_figures,
    sentence_parts,
)
from articles.forms import ActivityAdminForm, ArticleAdminForm, PrintPageAdminForm
from articles.models import (
    Activity,
    Article,
    ArticleStatus,
    Column,
    Contributor,
    Credit,
    GiftLine,
    PageFile,
    Photo,
    PrintPage,
    Topic,
)
from articles.photos import renditions
from articles.photos.forms import PhotoInlineForm
from articles.safety.admin import BoundedInlineMixin, SafeChangelistMixin
from articles.safety.keys import is_key
from articles.search.admin import NameSearchMixin
from articles.search.query import parse_query
from articles.search.query import search as search_index
from articles.services import save_activity, save_zones
from articles.templatetags.site import cn_minute
from articles.workflow.admin import WorkflowAdminMixin
from articles.workflow.models import TransitionAction
from articles.workflow.presence import PresenceAdminMixin
from articles.workflow.queries import latest_transition, taken_by
from unions.admin import FacilityAdmin as BaseFacilityAdmin
from unions.admin import OfficialAdmin as BaseOfficialAdmin
from unions.admin import UnionAdmin as BaseUnionAdmin
from unions.models import Facility, Official, Union


class NamedColumnsMixin:
    """A tabular inline's boxes sit under a column heading, with no <label> of their own:
    each gets its field's name (aria-label), which screen readers announce (axe-core:
    label, select-name) and static/admin/a11y.js gives an autocomplete box too."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None:
            widget = getattr(formfield.widget, "widget", formfield.widget)  # the + wrapper
            widget.attrs.setdefault("aria-label", str(db_field.verbose_name))
        return formfield


class CreditInline(NamedColumnsMixin, BoundedInlineMixin, admin.TabularInline):
    model = Credit
    max_num = 30
    extra = 1
    autocomplete_fields = ["contributor"]
    fields = ["contributor", "role", "label", "order"]


class PhotoInline(BoundedInlineMixin, admin.TabularInline):
    """The story's photos (articles/photos/): thumbnails with their captions, a drop zone
    for several files, up/down buttons, a click on the picture for the focal point."""

    model = Photo
    form = PhotoInlineForm
    max_num = 60
    extra = 1
    template = "photos/admin/photo_inline.html"

    class Media:
        css = {"all": ["photos/admin.css"]}
        js = ["photos/admin.js"]


def minute(value) -> str:
    # Kept on one line: a narrow column would break the time from its day.
    return format_html('<span style="white-space:nowrap">{}</span>', cn_minute(value))


class StatusFilter(admin.SimpleListFilter):
    """Every state a story can be in, 定时发布 among them: a scheduled story is stored as
    published, so the plain field filter could not tell it from a public one."""

    title = "状态"
    parameter_name = "status"
    SCHEDULED, PUBLIC = "scheduled", ArticleStatus.PUBLISHED

    def lookups(self, request, model_admin):
        states = [(value, label) for value, label in ArticleStatus.choices]
        # 定时发布 before 已发布, in the order copy goes through them.
        at = states.index((self.PUBLIC, ArticleStatus.PUBLISHED.label))
        return [*states[:at], (self.SCHEDULED, "定时发布"), *states[at:]]

    def queryset(self, request, queryset):
        value, now = self.value(), timezone.now()
        if value == self.SCHEDULED:
            return queryset.scheduled(now)
        if value == self.PUBLIC:
            return queryset.published(now)
        if value in ArticleStatus.values:
            return queryset.filter(status=value)
        return queryset


class CopyCheckFilter(admin.SimpleListFilter):
    """The copy desk's last check of each story (StoryCheck)."""

    title = "校对"
    parameter_name = "copy"

    def lookups(self, request, model_admin):
        return [("errors", "有错误"), ("warnings", "仅有提示"), ("clean", "未发现问题")]

    def queryset(self, request, queryset):
        if self.value() == "errors":
            return queryset.filter(copy_check__errors__gt=0)
        if self.value() == "warnings":
            return queryset.filter(copy_check__errors=0, copy_check__warnings__gt=0)
        if self.value() == "clean":
            return queryset.filter(copy_check__errors=0, copy_check__warnings=0)
        return queryset


@admin.register(Article)
class ArticleAdmin(PresenceAdminMixin, SafeChangelistMixin, WorkflowAdminMixin, admin.ModelAdmin):
    list_display = [
        "headline_stack",
        "byline_column",
        "kind",
        "status_column",
        "submitted_by",
        "submitted_at",
        "updated",
        "char_count",
        "copy_column",
        "placement",
        "published_at",
    ]
    list_display_links = ["headline_stack"]
    # The newest work first: copy just sent for review is not buried under the archive.
    ordering = ["-updated_at", "-id"]
    list_filter = [
        StatusFilter,
        CopyCheckFilter,
        "kind",
        "topics",
        ("print_page__edition_date", admin.DateFieldListFilter),
        "unions__level",
        "column",
    ]
    search_fields = ["title", "kicker", "subtitle"]
    # A search for a common word at 100k stories: the paginator's count is enough, without
    # a second one of every story for "N 条结果 (共 M 条)".
    show_full_result_count = False
    date_hierarchy = "published_at"
    autocomplete_fields = [
        "column",
        "unions",
        "source_union",
        "print_page",
        "topics",
        "corrects",
    ]
    form = ArticleAdminForm
    inlines = [CreditInline, PhotoInline]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["kicker", "title", "subtitle", "column", "kind", "corrects"]}),
        ("正文", {"fields": ["dateline", "lead", "body"]}),
        ("分类", {"fields": ["topics", "tags", "unions", "source_union"]}),
        ("见报", {"fields": ["print_page", "print_order"]}),
        ("网址", {"fields": ["slug"]}),
    ]

    class Media:
        # The change form's editing aids: 字数, the 小标题 button, autosave in the browser,
        # who else has the story open (templates/admin/articles/article/includes/
        # editing_aids.html).
        css = {"all": ["admin/article-form.css", "admin/copydesk/findings.css"]}
        js = ["admin/article-form.js", "admin/copydesk/findings.js"]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        """The copy desk's findings on the copy in front of the editor: what they typed
        after a refused save, else the story as stored."""
        form = context["adminform"].form
        if form.is_bound:
            fields = {name: form.data.get(name, "") for name in copydesk.COPY_FIELDS}
        elif obj is not None:
            fields = copydesk.article_fields(obj)
        else:
            fields = {}
        found = copydesk.check_fields(fields) if fields else []
        labels = {name: Article._meta.get_field(name).verbose_name for name in copydesk.COPY_FIELDS}
        context["copy_check"] = {
            "checked": bool(fields),
            "errors": sum(1 for item in found if item.is_error),
            "warnings": sum(1 for item in found if not item.is_error),
            "items": [(labels[item.field], item) for item in found],
            "figures": copydesk.figures_of(fields),
        }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("print_page", "column", "copy_check")
            .with_byline()
            .annotate(**latest_transition("submitted", TransitionAction.SUBMIT))
        )

    def get_search_results(self, request, queryset, search_term):
        # The readers' index, over every state: drafts show with their state in the list
        # (and in the 更正的稿件 autocomplete, which asks this method too).
        if not search_term.strip():
            return queryset, False
        return search_index(queryset, parse_query(search_term)), False

    @admin.display(description="标题", ordering="title")
    def headline_stack(self, obj: Article) -> str:
        return format_html(
            '{}<strong style="display:block;min-width:9em;font-size:1.1em">{}</strong>{}',
            format_html('<small style="display:block">{}</small>', obj.kicker)
            if obj.kicker
            else "",
            obj.title,
            format_html('<small style="display:block">——{}</small>', obj.subtitle)
            if obj.subtitle
            else "",
        )

    @admin.display(description="署名")
    def byline_column(self, obj: Article) -> str:
        return obj.byline or "—"

    @admin.display(description="状态", ordering="status")
    def status_column(self, obj: Article) -> str:
        if obj.is_scheduled:
            return "定时发布"
        return obj.get_status_display()

    @admin.display(description="送审人", ordering="submitted_username")
    def submitted_by(self, obj: Article) -> str:
        return taken_by(obj, "submitted") or "—"

    # Copy never sent (drafts) last on every database, and first when reversed.
    @admin.display(description="送审时间", ordering=F("submitted_at").asc(nulls_last=True))
    def submitted_at(self, obj: Article) -> str:
        return minute(obj.submitted_at)

    @admin.display(description="修改时间", ordering="updated_at")
    def updated(self, obj: Article) -> str:
        return minute(obj.updated_at)

    @admin.display(description="校对", ordering="copy_check__errors")
    def copy_column(self, obj: Article) -> str:
        check = getattr(obj, "copy_check", None)
        if check is None:
            return "—"
        if not check.errors and not check.warnings:
            return "无问题"
        counts = ((check.errors, "错误"), (check.warnings, "提示"))
        parts = [f"{count}处{label}" for count, label in counts if count]
        return format_html(
            '<span class="{}">{}</span>', "copy-errors" if check.errors else "", "，".join(parts)
        )

    @admin.display(description="见报", ordering="print_page__edition_date")
    def placement(self, obj: Article) -> str:
        if obj.print_page is None:
            return "—"
        order = f" 第{obj.print_order}篇" if obj.print_order else ""
        return f"{obj.print_page}{order}"

    def view_on_site(self, obj: Article) -> str | None:
        # Drafts and scheduled stories 404 on the public site; no link to a dead end.
        return obj.get_absolute_url() if obj.is_public else None


class GiftLineInline(NamedColumnsMixin, BoundedInlineMixin, admin.TabularInline):
    model = GiftLine
    max_num = 50
    extra = 1
    fields = ["item", "quantity", "quantity_is_minimum", "unit", "value", "order"]


# 稿件中的数字 on the activity's form: the field a figure may fill, by its unit, and the
# name its button says (填入“慰问金”). Goods fill the first empty 慰问品明细 row.
FIGURE_FIELDS = [
    (MONEY_UNITS, [("relief_money", "慰问金")]),
    (PEOPLE_UNITS, [("beneficiaries", "惠及职工人数"), ("participants", "参与人数")]),
    (ORGANIZATION_UNITS, [("unions_reached", "慰问基层工会数")]),
    (GOODS_UNITS, [("gift_line", "慰问品明细")]),
]
MAX_COUNT = 2_147_483_647  # what a PositiveIntegerField holds on every database
MAX_MONEY = Decimal("999999999999.99")  # 慰问金: 14 digits, 2 decimals
MAX_FIGURE_STORIES = 20  # stories read for one form; an activity is told in a few


def figure_fills(figure) -> list[dict]:
    """The buttons a figure gets: one for each field it may fill and the field can hold.
    Values travel as text, never localized by the template."""
    fills = []
    for units, fields in FIGURE_FIELDS:
        if figure.unit not in units:
            continue
        for field, label in fields:
            if field == "relief_money":
                amount = Decimal(str(figure.value))
                fits = amount <= MAX_MONEY and amount == amount.quantize(Decimal("0.01"))
            else:
                fits = isinstance(figure.value, int) and figure.value <= MAX_COUNT
            if fits:
                fills.append(
                    {
                        "field": field,
                        "label": label,
                        "value": str(figure.value),
                        "unit": figure.unit,
                        "minimum": "true" if is_minimum(figure) else "false",
                    }
                )
    return fills


@admin.register(Activity)
class ActivityAdmin(SafeChangelistMixin, admin.ModelAdmin):
    form = ActivityAdminForm
    list_display = [
        "title",
        "union",
        "kind",
        "start_date",
        "beneficiaries",
        "relief_money",
        "gifts",
    ]
    list_filter = [
        "kind",
        "start_date",
        "union__level",
        ("union__district", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["title", "union__name", "place"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["union", "articles"]
    inlines = [GiftLineInline]
    list_select_related = ["union"]
    fieldsets = [
        (None, {"fields": ["title", "union", "kind", "articles"]}),
        ("时间地点", {"fields": ["start_date", "end_date", "place"]}),
        ("数字", {"fields": ["participants", "beneficiaries", "unions_reached", "relief_money"]}),
        ("内部", {"fields": ["internal_note"]}),
    ]

    class Media:
        # 稿件中的数字: buttons filling the form with the figures read from the stories
        # (templates/admin/articles/activity/includes/figures.html).
        css = {"all": ["admin/copydesk/figures.css"]}
        js = ["admin/copydesk/figures.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("gift_lines")

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if add:
            can_fill = self.has_add_permission(request)
        else:
            can_fill = self.has_change_permission(request, obj)
        context["story_figures"] = self.story_figures(
            request, context["adminform"].form, obj, can_fill=can_fill
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def story_figures(self, request, form, obj, *, can_fill: bool) -> dict | None:
        """稿件中的数字: the figures read from the body of each story in the form's 相关报道
        (as posted, as prefilled from ?articles=1,2, or as saved), each with its sentence
        and the fields it may fill. Only stories this user may open in the admin are read;
        None when they may open none, and the panel is not shown."""
        article_admin = self.admin_site.get_model_admin(Article)
        if not article_admin.has_view_permission(request):
            return None
        if "articles" in form.fields:
            values = form["articles"].value() or []
        else:  # a view-only form has no fields
            values = obj.articles.values_list("pk", flat=True) if obj is not None else []
        pk_field = Article._meta.pk
        keys = [int(key) for key in dict.fromkeys(str(v) for v in values) if is_key(pk_field, key)]
        keys = keys[:MAX_FIGURE_STORIES]
        visible = {a.pk: a for a in article_admin.get_queryset(request).filter(pk__in=keys)}
        stories = []
        for number, key in enumerate(keys, start=1):
            article = visible.get(key)
            if article is None:
                continue
            figures = []
            for index, figure in enumerate(read_figures(article.body), start=1):
                before, printed, after = sentence_parts(article.body, figure)
                qualifier = f"（{figure.qualifier}）" if figure.qualifier else ""
                figures.append(
                    {
                        "id": f"story-figure-{number}-{index}",
                        "before": before,
                        "printed": printed,
                        "after": after,
                        "reading": f"{figure.value} {figure.unit}{qualifier}",
                        "fills": figure_fills(figure) if can_fill else [],
                    }
                )
            url = reverse(f"{self.admin_site.name}:articles_article_change", args=[article.pk])
            stories.append({"title": article.title, "url": url, "figures": figures})
        # Stories named but not shown: the count only, as the 相关报道 box shows their titles.
        hidden = Article.objects.filter(pk__in=keys).count() - len(stories)
        return {"stories": stories, "hidden": hidden, "can_fill": can_fill}

    def save_model(self, request, obj, form, change) -> None:
        save_activity(activity=obj)

    @admin.display(description="慰问品")
    def gifts(self, obj: Activity) -> str:
        return format_html_join("、", "{}", ((str(line),) for line in obj.gift_lines.all())) or "—"


@admin.register(Contributor)
class ContributorAdmin(NameSearchMixin, SafeChangelistMixin, admin.ModelAdmin):
    list_display = ["name", "union", "note"]
    search_fields = ["name", "union__name", "union__short_name"]
    autocomplete_fields = ["union"]
    list_select_related = ["union"]


@admin.register(Topic)
class TopicAdmin(SafeChangelistMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "parent", "is_featured", "order"]
    list_editable = ["is_featured", "order"]
    list_filter = ["is_featured", "parent"]
    search_fields = ["name", "slug"]
    list_select_related = ["parent"]


@admin.register(Column)
class ColumnAdmin(SafeChangelistMixin, admin.ModelAdmin):
    list_display = ["name", "is_active", "slug"]
    list_editable = ["is_active"]
    search_fields = ["name"]


class PageArticleInline(admin.TabularInline):
    """The reports printed on a page, in print order, for a quick check of the layout."""

    model = Article
    fields = ["print_order", "title", "status"]
    ordering = ["print_order", "pk"]
    readonly_fields = ["title", "status"]
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PrintPage)
class PrintPageAdmin(SafeChangelistMixin, admin.ModelAdmin):
    """A printed page; with its page image (a PDF imported), the zone editor: where each
    story stands on the page, moved, resized, added and removed over the image."""

    form = PrintPageAdminForm
    # The zones are the form's too, but shown by the editor, not as a row of their own.
    fields = ["edition_date", "number", "name", "banner"]
    list_display = ["__str__", "edition_date", "number", "name", "banner"]
    list_filter = [("edition_date", admin.DateFieldListFilter)]
    search_fields = ["name", "banner"]
    date_hierarchy = "edition_date"
    inlines = [PageArticleInline]
    change_form_template = "admin/articles/printpage/change_form.html"

    class Media:
        css = {"all": ["admin/epaper-zones.css"]}
        js = ["admin/epaper-zones.js"]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["zone_editor"] = self.zone_editor(obj) if obj is not None else None
        return super().render_change_form(request, context, add, change, form_url, obj)

    @staticmethod
    def zone_editor(page: PrintPage) -> dict | None:
        """What the zone editor draws on: the widest WebP of the page image and the
        page's stories; None for a page without an image."""
        page_file = PageFile.objects.filter(print_page=page).first()
        if page_file is None or not page_file.renditions.get("widths"):
            return None
        manifest = page_file.renditions
        widest = manifest["widths"][-1][0]
        return {
            "image": renditions.url(renditions.width_name(manifest, widest, "webp")),
            "width_pt": page_file.width_pt,
            "height_pt": page_file.height_pt,
            "stories": page.articles.order_by("print_order", "pk").only("pk", "title"),
        }

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        zones = form.cleaned_data.get("zones")
        if zones is not None:
            save_zones(print_page=form.instance, zones=zones)


# The union tree has its admin in its own app; the search hook and the safety net's
# guards (a forged filter, a prefill `?parent=abc`) are added here, above it (unions
# imports nothing from articles): the autocomplete reads a query as the site search
# does. (A rename reindexes the stories naming it wherever it happens:
# articles.search.receivers.)
admin.site.unregister([Union, Facility, Official])


@admin.register(Union)
class UnionAdmin(NameSearchMixin, SafeChangelistMixin, BaseUnionAdmin):
    pass


@admin.register(Facility)
class FacilityAdmin(SafeChangelistMixin, BaseFacilityAdmin):
    pass


@admin.register(Official)
class OfficialAdmin(SafeChangelistMixin, BaseOfficialAdmin):
    pass
