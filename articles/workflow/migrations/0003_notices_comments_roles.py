import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from articles.workflow.roles import sync_roles


def resync_roles(apps, schema_editor):
    """Reporters may now delete their own drafts (roles.py)."""
    sync_roles(apps)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0007_desk_states_char_count'),
        ('workflow', '0002_roles'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='revision',
            name='comment',
            field=models.CharField(blank=True, max_length=200, verbose_name='备注'),
        ),
        migrations.AlterField(
            model_name='transition',
            name='action',
            field=models.CharField(choices=[('submit', '提交待审'), ('recall', '收回'), ('return', '退回修改'), ('pass', '审毕送签'), ('publish', '签发'), ('schedule', '定时签发'), ('unschedule', '撤回定时'), ('withdraw', '撤稿'), ('restore', '恢复版本')], max_length=20, verbose_name='操作'),
        ),
        migrations.AlterField(
            model_name='transition',
            name='from_status',
            field=models.CharField(choices=[('draft', '草稿'), ('returned', '已退回'), ('review', '待审'), ('signoff', '待签发'), ('published', '已发布'), ('withdrawn', '已撤稿')], max_length=20, verbose_name='原状态'),
        ),
        migrations.AlterField(
            model_name='transition',
            name='to_status',
            field=models.CharField(choices=[('draft', '草稿'), ('returned', '已退回'), ('review', '待审'), ('signoff', '待签发'), ('published', '已发布'), ('withdrawn', '已撤稿')], max_length=20, verbose_name='新状态'),
        ),
        migrations.CreateModel(
            name='Notice',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.CharField(max_length=300, verbose_name='内容')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='时间')),
                ('read_at', models.DateTimeField(blank=True, null=True, verbose_name='已读时间')),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notices', to='articles.article', verbose_name='稿件')),
                ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notices', to=settings.AUTH_USER_MODEL, verbose_name='收件人')),
                ('transition', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='notices', to='workflow.transition', verbose_name='流程记录')),
            ],
            options={
                'verbose_name': '通知',
                'verbose_name_plural': '通知',
                'ordering': ['-created_at', '-id'],
                'indexes': [models.Index(fields=['recipient', 'read_at', '-created_at'], name='notice_inbox_idx')],
            },
        ),
        migrations.RunPython(resync_roles, migrations.RunPython.noop),
    ]
