"""The points table and the policy in the admin: staff change the figures, not the grid.

The twelve rows of the table (three kind groups × four placements) come with the database
(migration 0002); a missing row would silently count nothing, so rows are neither added
nor deleted here.
"""

from django.contrib import admin

from articles.safety.admin import SafeChangelistMixin
from articles.scoring.models import PointsRule, ScoringPolicy


@admin.register(PointsRule)
class PointsRuleAdmin(SafeChangelistMixin, admin.ModelAdmin):
    list_display = ["kind_group", "placement", "points", "fee"]
    list_editable = ["points", "fee"]
    list_filter = ["kind_group", "placement"]
    fields = ["kind_group", "placement", "points", "fee"]
    readonly_fields = ["kind_group", "placement"]
    list_display_links = None

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ScoringPolicy)
class ScoringPolicyAdmin(SafeChangelistMixin, admin.ModelAdmin):
    list_display = ["__str__", "shared_credit", "excellent_correspondents", "advanced_units"]
    fields = ["shared_credit", "excellent_correspondents", "advanced_units", "issuer"]

    def has_add_permission(self, request) -> bool:
        # The one row comes with the database (migration 0002; `ScoringPolicy.load()`).
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        obj.pk = 1  # the one row `ScoringPolicy.load()` reads
        super().save_model(request, obj, form, change)
