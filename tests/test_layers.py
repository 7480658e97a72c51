"""The import contracts in pyproject.toml are a fact: `make lint` fails on a wrong import.

Each test copies the application packages to a temporary folder, adds one import that
breaks a contract, and runs `lint-imports` there with the project's own configuration.
"""

import shutil
import subprocess
import sys
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


@pytest.fixture
def tree(tmp_path):
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
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
    assert "unions is the bottom layer" in result.stdout
    assert "BROKEN" in result.stdout


def test_the_wings_cannot_import_each_other(tree):
    add_import(tree / "articles" / "summaries" / "views.py", "import articles.public.views")
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "independent of each other BROKEN" in result.stdout


def test_the_core_cannot_import_a_wing(tree):
    add_import(tree / "articles" / "models" / "stories.py", "import articles.pageimport.services")
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "the content model imports nothing above it BROKEN" in result.stdout


def test_the_workflow_cannot_import_a_wing(tree):
    add_import(tree / "articles" / "workflow" / "services.py", "import articles.public.views")
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "the safety net import no wing BROKEN" in result.stdout
