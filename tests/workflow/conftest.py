import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from articles.workflow.roles import CHIEF_EDITOR, EDITOR, REPORTER, STATISTICS, sync_roles

PASSWORD = "pw-newsroom-1"


@pytest.fixture
def roles(db):
    # A live-server test before this one may have flushed the groups the migration made.
    sync_roles(apps)


@pytest.fixture
def newsroom(roles, django_user_model):
    """One staff user per role, and a second reporter."""

    def member(username, group):
        user = django_user_model.objects.create_user(
            username=username, password=PASSWORD, is_staff=True
        )
        user.groups.add(Group.objects.get(name=group))
        return user

    return {
        "reporter": member("reporter", REPORTER),
        "other_reporter": member("reporter2", REPORTER),
        "editor": member("editor", EDITOR),
        "chief": member("chief_editor", CHIEF_EDITOR),
        "stats": member("stats", STATISTICS),
    }


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user
