"""deploy/local-cluster.sh runs the smoke test (tests/deploy/test_smoke.py) on a cluster
it starts, and leaves nothing running, whether the smoke test passes or not.

It needs nginx, SeaweedFS's `weed`, gunicorn and django-storages (`make cluster-deps`,
which `.ci/run` runs) and PostgreSQL at 127.0.0.1:5432; it skips without them. About a
minute: CI runs it once, in the PostgreSQL pass.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
SCRIPT = ROOT / "deploy" / "local-cluster.sh"
VENV_BIN = Path(sys.executable).parent


def missing_tools() -> list[str]:
    missing = [tool for tool in ("nginx", "redis-server") if not shutil.which(tool)]
    missing += [tool for tool in ("weed", "gunicorn") if not (VENV_BIN / tool).exists()]
    try:
        import boto3  # noqa: F401
        import storages  # noqa: F401
    except ImportError:
        missing.append("django-storages/boto3")
    return missing


MISSING = missing_tools()
pytestmark = [
    pytest.mark.cluster,
    pytest.mark.slow,
    pytest.mark.skipif(bool(MISSING), reason=f"needs {MISSING}: make cluster-deps"),
]


def run_cluster(*command: str) -> tuple[subprocess.CompletedProcess, list[int]]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("CLUSTER_", "PYTEST_", "DJANGO_"))
    }
    # Its own database beside the suite's: unionsite_cluster, or one named for the caller.
    env["CLUSTER_DATABASE"] = os.environ.get("CLUSTER_DATABASE", "unionsite_cluster")
    env["PY"] = sys.executable
    result = subprocess.run(
        ["/bin/bash", str(SCRIPT), *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,  # a hang guard, not a speed check: a run takes about a minute
    )
    found = re.search(r"^CLUSTER_PIDS=([\d ]+)$", result.stdout, re.M)
    return result, [int(pid) for pid in found.group(1).split()] if found else []


def assert_all_stopped(pids: list[int]) -> None:
    assert len(pids) == 5, "seaweedfs, redis, two app servers and nginx"
    alive = [pid for pid in pids if Path(f"/proc/{pid}").exists()]
    assert not alive, f"still running: {alive}"


def test_the_cluster_runs_the_smoke_test_and_stops_everything_it_started():
    result, pids = run_cluster()
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    summary = re.search(r"(\d+) passed", result.stdout)
    assert summary and int(summary.group(1)) >= 10, output[-3000:]
    assert " skipped" not in result.stdout and " failed" not in result.stdout
    assert_all_stopped(pids)


def test_the_cluster_stops_everything_when_its_command_fails():
    result, pids = run_cluster("false")
    assert result.returncode == 1, (result.stdout + result.stderr)[-3000:]
    assert_all_stopped(pids)
