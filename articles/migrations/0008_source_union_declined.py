

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0007_desk_states_char_count'),
        ('unions', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='source_union',
            field=models.ForeignKey(blank=True, help_text='通讯员来稿时所代表的工会；考核积分计入这个工会及其上级。', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='filed_articles', to='unions.union', verbose_name='来稿单位'),
        ),
        migrations.AlterField(
            model_name='article',
            name='status',
            field=models.CharField(choices=[('draft', '草稿'), ('returned', '已退回'), ('review', '待审'), ('signoff', '待签发'), ('declined', '未采用'), ('published', '已发布'), ('withdrawn', '已撤稿')], default='draft', max_length=20, verbose_name='状态'),
        ),
    ]
