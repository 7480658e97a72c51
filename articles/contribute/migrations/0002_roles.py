"""Editors manage correspondents and invitations, correspondents delete what they called
back (articles/workflow/roles.py): the groups get the permissions this app just made."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from articles.workflow.roles import sync_roles


def resync_roles(apps, schema_editor):
    # Permissions are normally created after all migrations ran; the groups need them now.
    app_config = apps.get_app_config("contribute")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("contribute", "0001_initial"),
        ("workflow", "0006_correspondent_role"),
    ]

    operations = [
        migrations.RunPython(resync_roles, migrations.RunPython.noop),
    ]
