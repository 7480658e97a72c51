"""The layers in pyproject.toml are a fact: `make test` fails on a wrong import, and on a
template that reaches into a room its own room may not import.

Each test copies the application packages and the templates to a temporary folder, adds
one import (or one `{% load %}`, or one template name) that breaks the layers, and runs
`lint-imports` or the template check there with the project's own configuration.
"""

import ast
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["unions", "articles", "unionsite"]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# The templates ----------------------------------------------------------------------

# The room each folder of templates/ belongs to, as a module the contracts name; the
# longest folder wins. Files directly in templates/ (base.html, meta.html, story_base.html,
# 404.html) and errors/ are the shared base: the layer of the base tag library, so they
# load only `site` and Django's own libraries.
SHARED_BASE = "articles.templatetags"
TEMPLATE_ROOMS = {
    "errors/": SHARED_BASE,
    "admin/": "articles.admin",
    "admin/articles/pageimport/": "articles.pageimport",
    "admin/desk/": "articles.desk",
    "admin/scoring/": "articles.scoring",
    "contribute/": "articles.contribute",
    "admin/summaries/": "articles.summaries",
    "admin/workflow/": "articles.workflow",
    "workflow/": "articles.workflow",
    "search/": "articles.search",
    "photos/": "articles.photos",
    "articles/": "articles.public",
    "unions/": "articles.public",
    "includes/": "articles.public",
}

LOAD = re.compile(r"{%\s*load\s+(.+?)\s*%}")
EXTENDS_OR_INCLUDE = re.compile(r"""{%\s*(?:extends|include)\s+["']([^"']+)["']""")


def forbidden_imports(pyproject: Path) -> set[tuple[str, str]]:
    """(importer, imported) pairs the import-linter contracts forbid, read from the
    contracts themselves so the rule is written once."""
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    pairs = set()
    for contract in config["tool"]["importlinter"]["contracts"]:
        if contract["type"] == "layers":
            layers = [re.split(r"\s*[|:]\s*", layer) for layer in contract["layers"]]
            for high, upper in enumerate(layers):
                for lower in layers[high + 1 :]:
                    pairs |= {(low, up) for low in lower for up in upper}
            for layer in contract["layers"]:
                if "|" in layer:
                    rooms = re.split(r"\s*\|\s*", layer)
                    pairs |= {(a, b) for a in rooms for b in rooms if a != b}
        elif contract["type"] == "forbidden":
            pairs |= {
                (source, forbidden)
                for source in contract["source_modules"]
                for forbidden in contract["forbidden_modules"]
            }
        elif contract["type"] == "independence":
            modules = contract["modules"]
            pairs |= {(a, b) for a in modules for b in modules if a != b}
        else:
            raise AssertionError(f"the template check does not read {contract['type']} contracts")
    return pairs


def within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def template_room(name: str) -> str:
    if "/" not in name:
        return SHARED_BASE
    folders = [folder for folder in TEMPLATE_ROOMS if name.startswith(folder)]
    if not folders:
        raise AssertionError(
            f"templates/{name} belongs to no room: add its folder to TEMPLATE_ROOMS"
        )
    return TEMPLATE_ROOMS[max(folders, key=len)]


def module_name(tree: Path, path: Path) -> str:
    parts = path.relative_to(tree).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def template_layer_errors(tree: Path) -> list[str]:
    """Every place a template, or a module naming a template, reaches above its room.

    A template's `{% load %}` is an import of the tag library's module; its `{% extends %}`
    and `{% include %}` and a module's template name (`render(request, "x.html")`) import
    that template's room. Libraries and templates the project does not hold (Django's
    `static`, `admin_urls`, the admin's own templates) may be used everywhere.
    """
    forbidden = forbidden_imports(tree / "pyproject.toml")
    rooms = {room for pair in forbidden for room in pair}
    assert set(TEMPLATE_ROOMS.values()) <= rooms, "TEMPLATE_ROOMS names a room no contract names"

    def may_import(importer: str, imported: str) -> bool:
        return not any(within(importer, a) and within(imported, b) for a, b in forbidden)

    libraries = {
        path.stem: module_name(tree, path)
        for package in PACKAGES
        for path in (tree / package).glob("**/templatetags/*.py")
        if path.stem != "__init__"
    }
    templates_dir = tree / "templates"
    templates = {
        path.relative_to(templates_dir).as_posix(): path
        for path in sorted(templates_dir.rglob("*"))
        if path.is_file()
    }

    errors = []
    for name, path in templates.items():
        room = template_room(name)
        source = path.read_text(encoding="utf-8")
        for load in LOAD.findall(source):
            words = load.split()
            # `{% load tag from library %}` names one library, last.
            for library in words[-1:] if "from" in words else words:
                if library in libraries and not may_import(room, libraries[library]):
                    errors.append(
                        f"templates/{name} ({room}) loads {library} ({libraries[library]})"
                    )
        for other in EXTENDS_OR_INCLUDE.findall(source):
            if other in templates and not may_import(room, template_room(other)):
                errors.append(
                    f"templates/{name} ({room}) uses templates/{other} ({template_room(other)})"
                )

    for package in PACKAGES:
        for path in sorted((tree / package).rglob("*.py")):
            module = module_name(tree, path)
            syntax = ast.parse(path.read_text(encoding="utf-8"))
            # A string standing alone is a docstring: it may mention any template.
            docstrings = {id(node.value) for node in ast.walk(syntax) if isinstance(node, ast.Expr)}
            for node in ast.walk(syntax):
                if (
                    isinstance(node, ast.Constant)
                    and node.value in templates
                    and id(node) not in docstrings
                    and not may_import(module, template_room(node.value))
                ):
                    errors.append(
                        f"{path.relative_to(tree)} ({module}) renders templates/{node.value} "
                        f"({template_room(node.value)})"
                    )
    return errors


# The tests --------------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path):
    for folder in [*PACKAGES, "templates"]:
        shutil.copytree(
            ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def add_import(path: Path, line: str) -> None:
    path.write_text(f"{line}\n{path.read_text(encoding='utf-8')}", encoding="utf-8")


def test_the_project_keeps_its_contracts(tree):
    result = lint_imports(tree)
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_import_from_unions_to_articles_breaks_the_build(tree):
    add_import(tree / "unions" / "models.py", "import articles.models  # noqa")
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "unions is not allowed to import articles.models" in result.stdout
    assert "BROKEN" in result.stdout


def test_the_wings_cannot_import_each_other(tree):
    add_import(tree / "articles" / "summaries" / "views.py", "import articles.public.views")
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "articles.summaries is not allowed to import articles.public" in result.stdout


def test_the_core_cannot_import_a_wing(tree):
    add_import(tree / "articles" / "models" / "stories.py", "import articles.pageimport.services")
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "articles.models is not allowed to import articles.pageimport" in result.stdout


def test_the_workflow_cannot_import_a_wing(tree):
    add_import(tree / "articles" / "workflow" / "services.py", "import articles.public.views")
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "articles.workflow is not allowed to import articles.public" in result.stdout


def test_search_cannot_import_the_readers_site(tree):
    add_import(tree / "articles" / "search" / "views.py", "import articles.public.views")
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "articles.search is not allowed to import articles.public" in result.stdout


def test_the_page_cache_cannot_import_its_neighbours(tree):
    add_import(tree / "articles" / "pagecache" / "tags.py", "import articles.search.index")
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "articles.pagecache is not allowed to import articles.search" in result.stdout


def test_the_templates_keep_the_layers():
    assert template_layer_errors(ROOT) == []


def test_a_search_template_cannot_load_the_readers_tags(tree):
    results = tree / "templates" / "search" / "results.html"
    results.write_text(results.read_text(encoding="utf-8") + "{% load public_site %}\n")
    assert template_layer_errors(tree) == [
        "templates/search/results.html (articles.search) loads public_site "
        "(articles.public.templatetags.public_site)"
    ]


def test_the_shared_base_cannot_load_a_rooms_tags(tree):
    base = tree / "templates" / "base.html"
    base.write_text(
        base.read_text(encoding="utf-8").replace(
            "{% load static site %}", "{% load static site photos %}"
        )
    )
    assert template_layer_errors(tree) == [
        "templates/base.html (articles.templatetags) loads photos "
        "(articles.photos.templatetags.photos)"
    ]


def test_the_preview_cannot_render_the_readers_story_page(tree):
    preview = tree / "articles" / "workflow" / "preview.py"
    source = preview.read_text(encoding="utf-8")
    preview.write_text(source.replace('"workflow/preview.html"', '"articles/article_detail.html"'))
    assert template_layer_errors(tree) == [
        "articles/workflow/preview.py (articles.workflow.preview) renders "
        "templates/articles/article_detail.html (articles.public)"
    ]
