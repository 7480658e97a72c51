"""The points table and the policy a fresh database starts with, and `scoring.view_ranking`
given to the 统计 and 总编辑 groups (articles/workflow/roles.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from articles.workflow.roles import sync_roles

# A copy of `models.DEFAULT_RULES` as it was when this migration was written: a later
# change of the defaults must not rewrite what this migration did.
DEFAULT_RULES = {
    ("news", "front_lead"): ("10", "200"),
    ("news", "front"): ("6", "120"),
    ("news", "inside"): ("4", "80"),
    ("news", "web"): ("2", "40"),
    ("brief", "front_lead"): ("5", "100"),
    ("brief", "front"): ("3", "60"),
    ("brief", "inside"): ("2", "40"),
    ("brief", "web"): ("1", "20"),
    ("photo", "front_lead"): ("8", "150"),
    ("photo", "front"): ("5", "100"),
    ("photo", "inside"): ("3", "60"),
    ("photo", "web"): ("1", "20"),
}


def create_defaults(apps, schema_editor):
    PointsRule = apps.get_model("scoring", "PointsRule")
    ScoringPolicy = apps.get_model("scoring", "ScoringPolicy")
    for (kind_group, placement), (points, fee) in DEFAULT_RULES.items():
        PointsRule.objects.get_or_create(
            kind_group=kind_group, placement=placement, defaults={"points": points, "fee": fee}
        )
    ScoringPolicy.objects.get_or_create(pk=1)
    # Permissions are normally created after all migrations ran; the groups need them now
    # (as in articles/workflow/migrations/0002_roles.py).
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    sync_roles(apps)


def remove_defaults(apps, schema_editor):
    apps.get_model("scoring", "PointsRule").objects.all().delete()
    apps.get_model("scoring", "ScoringPolicy").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("scoring", "0001_initial"),
        ("workflow", "0006_correspondent_role"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_defaults, remove_defaults)]
