from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "unionsite-demo"  # noqa: S105 - a local demo login, refused unless DEBUG


class Command(BaseCommand):
    help = "为本机演示创建（或重置）超级用户 admin，仅在 DEBUG 开启时可用。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "demo_admin 只用于本机演示（DEBUG=1）；生产环境请用 createsuperuser。"
            )
        user, _ = get_user_model().objects.get_or_create(username=USERNAME)
        user.is_staff = user.is_superuser = True
        user.set_password(PASSWORD)
        user.save()
        self.stdout.write(f"管理后台：{options['url']}  用户名：{USERNAME}  密码：{PASSWORD}")
