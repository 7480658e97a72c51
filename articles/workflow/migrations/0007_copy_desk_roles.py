"""Editors keep the copy desk's term list, the chief editor may publish past a copy error
with a reason (articles/workflow/roles.py): the groups get the permissions the copy desk
just made."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from articles.workflow.roles import sync_roles


def resync_roles(apps, schema_editor):
    # Permissions are normally created after all migrations ran; the groups need them now.
    app_config = apps.get_app_config("copydesk")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0006_correspondent_role"),
        ("copydesk", "0001_terms_and_story_checks"),
    ]

    operations = [
        migrations.RunPython(resync_roles, migrations.RunPython.noop),
    ]
