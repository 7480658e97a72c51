import pytest

from tests.scoring.pieces import make_tree


@pytest.fixture
def tree(db):
    return make_tree()
