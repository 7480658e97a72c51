from django.contrib import admin
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from unions.models import Facility, Official, Union
from unions.services import save_union


class OfficialInline(admin.TabularInline):
    model = Official
    extra = 0


class FacilityInline(admin.StackedInline):
    model = Facility
    extra = 0


class ChildInline(admin.TabularInline):
    """The unions directly below, each a link, so editors walk the tree downwards."""

    model = Union
    fk_name = "parent"
    verbose_name = "下级工会"
    verbose_name_plural = "下级工会"
    fields = ["child_link", "level"]
    readonly_fields = ["child_link", "level"]
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="名称")
    def child_link(self, obj: Union) -> str:
        url = reverse("admin:unions_union_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.name)


@admin.register(Union)
class UnionAdmin(admin.ModelAdmin):
    list_display = ["indented_name", "short_name", "level", "district", "children_link"]
    list_filter = ["level", ("district", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "short_name", "aliases"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["ancestry", "district"]
    fields = [
        "name",
        "short_name",
        "aliases",
        "level",
        "parent",
        "ancestry",
        "district",
        "slug",
        "description",
    ]
    inlines = [ChildInline, OfficialInline, FacilityInline]
    list_per_page = 100

    def get_queryset(self, request):
        # The children counted per row shown, not grouped over every union first: the
        # autocomplete's search matches hundreds of unions and shows 20 (twice as fast).
        children = (
            Union.objects.filter(parent=OuterRef("pk"))
            .order_by()
            .values("parent")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            super()
            .get_queryset(request)
            .select_related("district")
            .annotate(child_count=Coalesce(Subquery(children), Value(0)))
            .order_by("path")
        )

    @admin.display(description="全称", ordering="path")
    def indented_name(self, obj: Union) -> str:
        # Indentation shows the tree in the default path order of the list.
        return format_html(
            '<span style="padding-left:{}em">{}</span>', 1.5 * max(obj.depth - 1, 0), obj.name
        )

    @admin.display(description="下级工会", ordering="child_count")
    def children_link(self, obj: Union) -> str:
        if not obj.child_count:
            return "—"
        url = reverse("admin:unions_union_changelist") + f"?parent__id__exact={obj.pk}"
        return format_html('<a href="{}">{} 个下级</a>', url, obj.child_count)

    @admin.display(description="隶属关系")
    def ancestry(self, obj: Union) -> str:
        if obj.pk is None:
            return "—"
        chain = [*Union.objects.ancestors_of(obj), obj]
        return format_html_join(
            " › ",
            '<a href="{}">{}</a>',
            ((reverse("admin:unions_union_change", args=[u.pk]), u.display_name) for u in chain),
        )

    def save_model(self, request, obj, form, change) -> None:
        save_union(union=obj)


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "union", "address"]
    list_filter = ["kind"]
    search_fields = ["name", "address", "union__name"]
    autocomplete_fields = ["union"]
    list_select_related = ["union"]


@admin.register(Official)
class OfficialAdmin(admin.ModelAdmin):
    list_display = ["name", "post", "union"]
    search_fields = ["name", "post", "union__name"]
    autocomplete_fields = ["union"]
    list_select_related = ["union"]
