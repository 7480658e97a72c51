

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('workflow', '0004_revision_words'),
    ]

    operations = [
        migrations.AlterField(
            model_name='transition',
            name='action',
            field=models.CharField(choices=[('submit', '提交待审'), ('recall', '收回'), ('return', '退回修改'), ('pass', '审毕送签'), ('decline', '不采用'), ('publish', '签发'), ('schedule', '定时签发'), ('unschedule', '撤回定时'), ('withdraw', '撤稿'), ('restore', '恢复旧稿')], max_length=20, verbose_name='操作'),
        ),
        migrations.AlterField(
            model_name='transition',
            name='from_status',
            field=models.CharField(choices=[('draft', '草稿'), ('returned', '已退回'), ('review', '待审'), ('signoff', '待签发'), ('declined', '未采用'), ('published', '已发布'), ('withdrawn', '已撤稿')], max_length=20, verbose_name='原状态'),
        ),
        migrations.AlterField(
            model_name='transition',
            name='to_status',
            field=models.CharField(choices=[('draft', '草稿'), ('returned', '已退回'), ('review', '待审'), ('signoff', '待签发'), ('declined', '未采用'), ('published', '已发布'), ('withdrawn', '已撤稿')], max_length=20, verbose_name='新状态'),
        ),
    ]
