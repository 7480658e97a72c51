from django.db import migrations, models

from articles.models.stories import count_chars


def count_existing(apps, schema_editor):
    """字数 of the stories already there, in batches."""
    Article = apps.get_model("articles", "Article")
    batch = []
    for article in Article.objects.only("pk", "lead", "body").iterator(chunk_size=2000):
        article.char_count = count_chars(article.lead) + count_chars(article.body)
        batch.append(article)
        if len(batch) == 2000:
            Article.objects.bulk_update(batch, ["char_count"])
            batch = []
    Article.objects.bulk_update(batch, ["char_count"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_epaper_page_files_and_zones"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="char_count",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="字数"),
        ),
        migrations.AlterField(
            model_name="article",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "草稿"),
                    ("returned", "已退回"),
                    ("review", "待审"),
                    ("signoff", "待签发"),
                    ("published", "已发布"),
                    ("withdrawn", "已撤稿"),
                ],
                default="draft",
                max_length=20,
                verbose_name="状态",
            ),
        ),
        migrations.RunPython(count_existing, migrations.RunPython.noop),
    ]
