from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from articles.demo.desk import demo_correspondent, load_desk
from articles.workflow.roles import CHIEF_EDITOR, EDITOR, REPORTER, STATISTICS

PASSWORD = "unionsite-demo"  # noqa: S105 - a local demo login, refused unless DEBUG

# (username, full name, group): one demo user per newsroom role beside the superuser.
DEMO_USERS = [
    ("reporter", "周美玉", REPORTER),
    ("editor", "陈曦", EDITOR),
    ("chief", "崔欣", CHIEF_EDITOR),
    ("stats", "马超", STATISTICS),
]


class Command(BaseCommand):
    help = "为本机演示创建（或重置）超级用户 admin 和四个角色的演示用户，仅在 DEBUG 开启时可用。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "demo_admin 只用于本机演示（DEBUG=1）；生产环境请用 createsuperuser。"
            )
        users = get_user_model().objects
        admin, _ = users.get_or_create(username="admin")
        admin.is_staff = admin.is_superuser = True
        admin.set_password(PASSWORD)
        admin.save()
        self.stdout.write(f"管理后台：{options['url']}  密码均为：{PASSWORD}")
        self.stdout.write("  admin     超级用户")
        for username, name, group in DEMO_USERS:
            user, _ = users.get_or_create(username=username)
            user.first_name = name
            user.is_staff, user.is_superuser = True, False
            user.set_password(PASSWORD)
            user.save()
            user.groups.set([Group.objects.get(name=group)])
            self.stdout.write(f"  {username:<9} {name}（{group}）")
        if correspondent := demo_correspondent(PASSWORD):
            self.stdout.write(
                f"  {correspondent.username} {correspondent.first_name}（通讯员，投稿："
                f"{options['url'].removesuffix('/admin/')}/contribute/）"
            )
        if made := load_desk():
            self.stdout.write(
                f"  工作台演示：{made} 篇稿件（草稿、待审、已退回、待签发、定时发布；"
                "通讯员的已收到、编辑中、已采用、未采用、已撤回）"
            )
