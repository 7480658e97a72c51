import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from articles.workflow.roles import CHIEF_EDITOR, EDITOR, REPORTER, STATISTICS, sync_roles

PASSWORD = "pw-newsroom-1"


@pytest.fixture
def newsroom(db, django_user_model):
    """One staff user per role (with Chinese names, as the newsroom knows them), and a
    second reporter."""
    # A live-server test before this one may have flushed the groups the migration made.
    sync_roles(apps)

    def member(username, group, last_name, first_name):
        user = django_user_model.objects.create_user(
            username=username,
            password=PASSWORD,
            is_staff=True,
            last_name=last_name,
            first_name=first_name,
        )
        user.groups.add(Group.objects.get(name=group))
        return user

    return {
        "reporter": member("reporter", REPORTER, "周", "美玉"),
        "other_reporter": member("reporter2", REPORTER, "边", "磊"),
        "editor": member("editor", EDITOR, "李", "编辑"),
        "chief": member("chief_editor", CHIEF_EDITOR, "王", "总编"),
        "stats": member("stats", STATISTICS, "赵", "统计"),
    }


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user
