"""The four newsroom groups (记者, 编辑, 总编辑, 统计): a fresh database has them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from articles.workflow.roles import sync_roles


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations ran; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    sync_roles(apps)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["记者", "编辑", "总编辑", "统计"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0001_initial"),
        ("articles", "0004_workflow_states_versions_corrections"),
        ("summaries", "0002_move_permission_grants"),
        ("unions", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
