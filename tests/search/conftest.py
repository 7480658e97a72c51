import pytest

from articles.search.index import rebuild


@pytest.fixture
def reindex(db):
    """Index every story as it is now (factories write rows without the workflow)."""
    return rebuild
