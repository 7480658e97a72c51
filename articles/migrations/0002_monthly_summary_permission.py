from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="activity",
            options={
                "ordering": ["-start_date", "-id"],
                "permissions": [("view_monthly_summary", "查看和导出月度统计")],
                "verbose_name": "工会活动",
                "verbose_name_plural": "工会活动",
            },
        ),
    ]
