"""Grants of the old `articles.view_monthly_summary` carry over to the summaries app."""

from django.db import migrations

CODENAME = "view_monthly_summary"
NAME = "查看和导出月度统计"


def move_grants(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    old = Permission.objects.filter(
        codename=CODENAME, content_type__app_label="articles"
    ).first()
    if old is None:
        return  # a fresh database: post_migrate creates the new permission
    content_type, _ = ContentType.objects.get_or_create(
        app_label="summaries", model="monthlysummary"
    )
    new, _ = Permission.objects.get_or_create(
        codename=CODENAME, content_type=content_type, defaults={"name": NAME}
    )
    for group in old.group_set.all():
        group.permissions.add(new)
    for user in old.user_set.all():
        user.user_permissions.add(new)
    old.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("summaries", "0001_initial"),
        ("articles", "0003_monthly_summary_permission_moved"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(move_grants, migrations.RunPython.noop)]
