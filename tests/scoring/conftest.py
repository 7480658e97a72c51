import pytest

from tests.scoring.pieces import make_tree


@pytest.fixture
def tree(db):
    return make_tree()


@pytest.fixture(autouse=True)
def _points_table(points_table):
    """Every test here reads the default points table."""
