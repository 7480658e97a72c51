import pytest

from tests.scoring.pieces import make_tree


@pytest.fixture
def tree(db):
    return make_tree()


@pytest.fixture(autouse=True)
def _points_table_and_roles(points_table):
    """Every test here reads the default points table and the newsroom's groups (a live
    server's test before this one flushed both)."""
    from django.apps import apps

    from articles.workflow.roles import sync_roles

    sync_roles(apps)
