"""The restore drill: deploy/backup.sh and deploy/restore.sh on the local cluster.

`test_the_restore_drill_through_the_local_cluster` starts deploy/local-cluster.sh (as
tests/deploy/test_local_cluster.py does, with a database of its own) and runs this file
inside it, where the CLUSTER_* variables and the production profile's DATABASE_URL,
REDIS_URL and S3_* are set. There, `test_restore_drill`:

1. publishes stories with photos through the admin (as the smoke test does);
2. with the app's cache flushed, fetches every story page of the sitemap and the front
   page from an app server, and every object of the bucket straight from the store;
3. runs backup.sh; destroys the database (dropped and created empty) and the bucket
   (every object deleted, then the bucket), and sees the pages and photos gone;
4. runs restore.sh into them, flushes the cache again (the page cache must not hide a
   broken restore), and finds every page and every media file byte-identical, on both
   app servers, through nginx too, and the chief editor still able to log in; then
   restores once more with --force over the restored site.

The step-by-step by hand is docs/deployment.md's "Restore drill".
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.deploy.client import Browser, form_with, links_to
from tests.deploy.test_local_cluster import MISSING, assert_all_stopped, run_cluster
from tests.deploy.test_smoke import ADD_ARTICLE, article_url, field_errors, photo_field
from tests.photos.images import plain_image

ROOT = Path(__file__).resolve().parent.parent.parent
BACKUP = ROOT / "deploy" / "backup.sh"
RESTORE = ROOT / "deploy" / "restore.sh"
INSIDE = "CLUSTER_NGINX_URL" in os.environ

pytestmark = [pytest.mark.cluster, pytest.mark.slow]


# -- outside: start the cluster and run the drill in it ----------------------------------


@pytest.mark.skipif(bool(MISSING), reason=f"needs {MISSING}: make cluster-deps")
@pytest.mark.skipif(INSIDE, reason="this is the drill's own run inside the cluster")
def test_the_restore_drill_through_the_local_cluster(monkeypatch):
    monkeypatch.setenv("CLUSTER_DATABASE", "unionsite_backup_drill")
    began = time.monotonic()
    result, pids = run_cluster(
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "no:django",
        "--noconftest",
        "-p",
        "no:cacheprovider",
        "-W",
        "ignore::pytest.PytestConfigWarning",
        "-q",
        "-s",
        "-rs",
        "-m",
        "cluster",
        str(Path(__file__).relative_to(ROOT)),
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-8000:]
    assert re.search(r"\b1 passed", result.stdout), output[-3000:]
    assert " failed" not in result.stdout and " error" not in result.stdout
    assert_all_stopped(pids)
    drill = re.search(r"drill: .*", result.stdout)
    print(f"{drill and drill.group(0)}; cluster included: {time.monotonic() - began:.0f}s")


# -- inside: the drill ---------------------------------------------------------------------

inside = pytest.mark.skipif(
    not INSIDE, reason="runs inside deploy/local-cluster.sh (the test above starts it)"
)


def run(*command, check=True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(part) for part in command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check:
        assert result.returncode == 0, f"{command}: {result.stdout}\n{result.stderr}"
    return result


def flush_cache() -> None:
    import redis

    redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()


def s3():
    import boto3
    from botocore.config import Config

    return boto3.client(
        "s3",
        endpoint_url=os.environ["S3_ENDPOINT_URL"],
        region_name="us-east-1",
        aws_access_key_id=os.environ["S3_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["S3_SECRET_ACCESS_KEY"],
        config=Config(s3={"addressing_style": "path"}),
    )


def bucket_keys() -> list[str]:
    pages = s3().get_paginator("list_objects_v2").paginate(Bucket=os.environ["S3_BUCKET"])
    return sorted(item["Key"] for page in pages for item in page.get("Contents", []))


def publish_story(chief: Browser, n: int) -> str:
    title = f"备份演练稿件{n}-{time.time_ns() % 10**9:09d}"
    form = form_with(chief.get(ADD_ARTICLE).text, "title")
    fields = form["fields"]
    fields.update(title=title, body=f"恢复演练的第 {n} 篇稿件。\n第二段。", _transition="publish")
    image_field = photo_field(form)
    caption = image_field.replace("-image", "-caption")
    if caption in fields:
        fields[caption] = f"演练图片 {n}"
    photo = plain_image("JPEG", size=(900 + 100 * n, 600))
    response = chief.post(
        ADD_ARTICLE, fields, files={image_field: (f"d{n}.jpg", photo, "image/jpeg")}
    )
    assert response.status == 302, field_errors(response.text) or response.text[:2000]
    return title


def story_paths(app: str) -> list[str]:
    """Every story's page, from the sitemap (its index, then each section)."""
    reader = Browser(app)
    index = reader.get("/sitemap.xml")
    assert index.status == 200
    paths = []
    for section in re.findall(r"<loc>([^<]+)</loc>", index.text):
        parts = urlsplit(section)
        page = reader.get(parts.path + (f"?{parts.query}" if parts.query else ""))
        assert page.status == 200, section
        for loc in re.findall(r"<loc>([^<]+)</loc>", page.text):
            if re.match(r"^/articles/\d+/", urlsplit(loc).path):
                paths.append(urlsplit(loc).path)
    return sorted(set(paths))


def snapshot(app: str, paths: list[str]) -> dict[str, bytes]:
    """The pages as a reader gets them from the app server, rendered afresh."""
    flush_cache()
    reader, pages = Browser(app), {}
    for path in paths:
        page = reader.get(path)
        assert page.status == 200, (app, path, page.status)
        pages[path] = page.body
    return pages


def media_from_store(keys: list[str]) -> dict[str, tuple[str, bytes]]:
    """Each object as nginx's /media/ fetches it: anonymously, from the store itself."""
    store, objects = Browser(os.environ["CLUSTER_S3_URL"]), {}
    for key in keys:
        answer = store.get(os.environ["CLUSTER_S3_URL"] + key)
        assert answer.status == 200, (key, answer.status)
        objects[key] = (answer.headers["Content-Type"], answer.body)
    return objects


@inside
def test_restore_drill(tmp_path):
    apps = os.environ["CLUSTER_APP_URLS"].split(",")
    nginx, media_url = os.environ["CLUSTER_NGINX_URL"], os.environ["CLUSTER_MEDIA_URL"]
    timings = {}

    # 1. Stories with photos, published through the admin.
    chief = Browser(apps[0])
    chief.login(os.environ["CLUSTER_CHIEF"], os.environ["CLUSTER_CHIEF_PASSWORD"])
    titles = [publish_story(chief, n) for n in range(1, 4)]

    # 2. What readers get before: every story page, the front page, every object.
    paths = story_paths(apps[1])
    front = Browser(apps[1]).get("/").text
    published = [article_url(front, title) for title in titles]
    assert set(published) <= set(paths), (published, paths)
    paths.append("/")
    # Each app server's own (the canonical link names the host asked).
    before = {app: snapshot(app, paths) for app in apps}
    keys = bucket_keys()
    photos = [
        url.removeprefix(media_url)
        for path in published
        for url in links_to(before[apps[1]][path].decode(), "^" + re.escape(media_url))
    ]
    assert len(set(photos)) >= len(titles), "every published story shows its photo"
    assert set(photos) <= set(keys)
    objects = media_from_store(keys)

    # 3. Back up; an attempt that fails leaves nothing that looks like a backup.
    started = time.monotonic()
    backup = tmp_path / "nightly"
    done = run(BACKUP, backup)
    timings["backup"] = time.monotonic() - started
    assert "backup: complete" in done.stdout, done.stdout
    manifest = (backup / "MANIFEST.sha256").read_text()
    assert "  db.dump\n" in manifest
    assert all(f"  media/{key}\n" in manifest for key in keys)

    failed = subprocess.run(
        [BACKUP, tmp_path / "broken"],
        cwd=ROOT,
        env={**os.environ, "S3_BUCKET": "no-such-bucket"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert failed.returncode != 0 and "no-such-bucket" in failed.stderr, failed.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nightly"], "no partial backup left"
    # Stopped halfway (SIGTERM, as from a shutdown): a complete backup or none at all.
    stopped = subprocess.Popen(
        [BACKUP, tmp_path / "stopped"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    time.sleep(0.5)
    stopped.send_signal(signal.SIGTERM)
    stopped.communicate(timeout=120)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left in (["nightly"], ["nightly", "stopped"]), left
    if "stopped" in left:
        assert stopped.returncode == 0 and (tmp_path / "stopped" / "MANIFEST.sha256").exists()
        shutil.rmtree(tmp_path / "stopped")
    else:
        assert stopped.returncode != 0

    # A restore over the live site is refused, and so is a backup with a changed file.
    refused = run(RESTORE, backup, check=False)
    assert refused.returncode != 0 and "tables" in refused.stderr, refused.stderr
    tampered = tmp_path / "tampered"
    shutil.copytree(backup, tampered)
    victim = tampered / "media" / photos[0]
    victim.write_bytes(victim.read_bytes()[:-1] + b"\x00")
    refused = run(RESTORE, tampered, check=False)
    assert refused.returncode != 0 and "checksum" in refused.stderr, refused.stderr
    shutil.rmtree(tampered)
    # … and a folder a killed backup.sh left behind, or one without its manifest.
    partial = tmp_path / ".nightly.partial.Ab12Cd"
    shutil.copytree(backup, partial)
    refused = run(RESTORE, partial, check=False)
    assert refused.returncode != 0 and "unfinished" in refused.stderr, refused.stderr
    (partial / "MANIFEST.sha256").unlink()
    moved = partial.rename(tmp_path / "unlisted")
    refused = run(RESTORE, moved, check=False)
    assert refused.returncode != 0 and "MANIFEST" in refused.stderr, refused.stderr
    shutil.rmtree(moved)

    # 4. The machine is lost: an empty database of the same name, no bucket.
    destroy_database()
    client, bucket = s3(), os.environ["S3_BUCKET"]
    for key in bucket_keys():
        client.delete_object(Bucket=bucket, Key=key)
    client.delete_bucket(Bucket=bucket)
    flush_cache()
    gone = Browser(apps[1]).get(published[0])
    assert gone.status != 200, "the story survived the database's destruction"
    store = Browser(os.environ["CLUSTER_S3_URL"])
    assert store.get(os.environ["CLUSTER_S3_URL"] + photos[0]).status != 200

    # 5. Restore into the fresh ones.
    started = time.monotonic()
    restored = run(RESTORE, backup)
    timings["restore"] = time.monotonic() - started
    assert "restore: done" in restored.stdout and "migrations up to date" in restored.stdout
    assert f"{len(keys)} objects" in restored.stdout, restored.stdout

    # 6. Byte-identical: pages rendered afresh from the restored database (the cache
    #    flushed first, on each app server), every object straight from the store.
    assert bucket_keys() == keys
    for app in apps:
        after = snapshot(app, paths)
        for path in paths:
            assert after[path] == before[app][path], difference(
                app + path, before[app][path], after[path]
            )
    assert media_from_store(keys) == objects
    for key in photos:
        through_nginx = Browser(nginx).get(media_url + key)
        assert through_nginx.status == 200 and through_nginx.body == objects[key][1], key
    again = Browser(apps[0])
    again.login(os.environ["CLUSTER_CHIEF"], os.environ["CLUSTER_CHIEF_PASSWORD"])
    assert again.get("/admin/").status == 200

    # 7. --force restores over a site that is there (the same backup: nothing changes).
    forced = run(RESTORE, "--force", backup)
    assert "restore: done" in forced.stdout, forced.stdout
    assert bucket_keys() == keys
    after = snapshot(apps[0], paths)
    assert all(after[path] == before[apps[0]][path] for path in paths)
    print(
        f"drill: {len(paths)} pages, {len(keys)} objects; "
        f"backup {timings['backup']:.1f}s, restore {timings['restore']:.1f}s"
    )


def difference(where: str, before: bytes, after: bytes) -> str:
    at = next((i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b), None)
    at = min(len(before), len(after)) if at is None else at
    return (
        f"{where} differs after the restore at byte {at}: "
        f"{before[max(0, at - 120) : at + 80]!r} became {after[max(0, at - 120) : at + 80]!r}"
    )


def destroy_database() -> None:
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(os.environ["DATABASE_URL"])
    with psycopg.connect(
        host=config["HOST"],
        port=config["PORT"],
        user=config["USER"],
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as admin:
        admin.execute(f'DROP DATABASE "{config["NAME"]}" WITH (FORCE)')
        admin.execute(f"CREATE DATABASE \"{config['NAME']}\" ENCODING 'UTF8' TEMPLATE template0")
