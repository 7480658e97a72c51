"""The 通讯员 group: unions' correspondents, who file their own pieces (roles.py)."""

from django.db import migrations

from articles.workflow.roles import sync_roles


def resync_roles(apps, schema_editor):
    sync_roles(apps)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="通讯员").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0005_decline"),
    ]

    operations = [
        migrations.RunPython(resync_roles, remove_group),
    ]
