"""The photo desk sits with search and the page cache: it reads the content model, and
the admin and the readers' pages use it, never the other way round."""

from tests.test_layers import add_import, lint_imports, tree  # noqa: F401 - the fixture


def test_the_photo_desk_cannot_import_the_admin(tree):  # noqa: F811
    add_import(tree / "articles" / "photos" / "services.py", "import articles.admin")
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "articles.photos is not allowed to import articles.admin" in result.stdout
    assert "BROKEN" in result.stdout
