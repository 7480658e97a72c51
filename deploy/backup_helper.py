"""The parts of deploy/backup.sh and deploy/restore.sh that are easier in Python: the
database's connection as libpq variables, the media bucket copied to and from a folder
with boto3 (the AWS CLI is not needed), and the backup's manifest of checksums.

Every setting is read as the app reads it (unionsite/settings.py, docs/deployment.md):
DATABASE_URL, S3_BUCKET, S3_ENDPOINT_URL, S3_REGION, S3_ACCESS_KEY_ID and
S3_SECRET_ACCESS_KEY (unset: boto3's own chain), S3_ADDRESSING_STYLE.

    backup_helper.py pg-env                 # export PGHOST=… lines for the shell's eval
    backup_helper.py download DIR           # the bucket into DIR/media/ and DIR/media.json
    backup_helper.py bucket-state           # "missing", "empty" or "N objects"
    backup_helper.py upload DIR             # DIR/media/ into the bucket (created if missing)
    backup_helper.py manifest DIR           # DIR/MANIFEST.sha256 of every file in DIR
    backup_helper.py verify DIR             # checks DIR against its manifest

Any failure exits non-zero with one line on stderr saying what went wrong.
"""

import hashlib
import json
import os
import shlex
import sys
from pathlib import Path, PurePosixPath

MANIFEST = "MANIFEST.sha256"
DUMP = "db.dump"
MEDIA_INDEX = "media.json"
MEDIA_DIR = "media"
CHUNK = 1 << 20
# What the photo pipeline sets on upload (Content-Type, Cache-Control) and whatever else
# an object carries, kept so that a restored object is served with the same headers.
KEPT_HEADERS = {
    "ContentType": "content_type",
    "CacheControl": "cache_control",
    "ContentDisposition": "content_disposition",
    "ContentEncoding": "content_encoding",
    "ContentLanguage": "content_language",
}


class BackupError(Exception):
    pass


# -- the database ------------------------------------------------------------------------


def pg_env() -> None:
    """DATABASE_URL as PG* variables, so that pg_dump, pg_restore and psql connect to it
    without the password on their command line (where `ps` would show it)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        raise BackupError("DATABASE_URL is not set")
    import dj_database_url

    config = dj_database_url.parse(url)
    if "postgresql" not in config["ENGINE"] and "postgis" not in config["ENGINE"]:
        raise BackupError(f"DATABASE_URL is not PostgreSQL ({config['ENGINE']}): nothing to dump")
    if not config.get("NAME"):
        raise BackupError("DATABASE_URL names no database")
    variables = {
        "PGHOST": config.get("HOST") or "",
        "PGPORT": str(config.get("PORT") or ""),
        "PGUSER": config.get("USER") or "",
        "PGPASSWORD": config.get("PASSWORD") or "",
        "PGDATABASE": config["NAME"],
    }
    options = config.get("OPTIONS") or {}
    for option, variable in (
        ("sslmode", "PGSSLMODE"),
        ("sslrootcert", "PGSSLROOTCERT"),
        ("sslcert", "PGSSLCERT"),
        ("sslkey", "PGSSLKEY"),
        ("connect_timeout", "PGCONNECT_TIMEOUT"),
    ):
        if options.get(option):
            variables[variable] = str(options[option])
    for name, value in variables.items():
        if value:
            print(f"export {name}={shlex.quote(value)}")
        else:
            print(f"unset {name}")


# -- the bucket --------------------------------------------------------------------------


def bucket_name() -> str:
    bucket = os.environ.get("S3_BUCKET", "")
    if not bucket:
        raise BackupError("S3_BUCKET is not set: where are the media?")
    return bucket


def s3_client():
    try:
        import boto3
        from botocore.config import Config
    except ImportError as error:
        raise BackupError(f'boto3 is missing ({error}): pip install ".[production]"') from error
    endpoint = os.environ.get("S3_ENDPOINT_URL") or None
    style = os.environ.get("S3_ADDRESSING_STYLE") or ("path" if endpoint else "auto")
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=os.environ.get("S3_REGION") or None,
        aws_access_key_id=os.environ.get("S3_ACCESS_KEY_ID") or None,
        aws_secret_access_key=os.environ.get("S3_SECRET_ACCESS_KEY") or None,
        config=Config(s3={"addressing_style": style}, retries={"max_attempts": 5}),
    )


def error_code(error: Exception) -> str:
    response = getattr(error, "response", None) or {}
    return str(response.get("Error", {}).get("Code", ""))


def bucket_exists(s3, bucket: str) -> bool:
    from botocore.exceptions import ClientError

    try:
        s3.head_bucket(Bucket=bucket)
        return True
    except ClientError as error:
        if error_code(error) in {"404", "NoSuchBucket", "NotFound"}:
            return False
        raise


def list_keys(s3, bucket: str):
    paginator = s3.get_paginator("list_objects_v2")
    for page in paginator.paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            yield item["Key"], item["Size"]


def safe_relative(key: str) -> PurePosixPath:
    """The object's key as a path under media/; a key that cannot be one safely (absolute,
    '..', empty parts) stops the backup rather than writing outside it."""
    path = PurePosixPath(key)
    parts = key.split("/")
    if (
        not key
        or key.startswith("/")
        or any(part in {"", ".", ".."} for part in parts)
        or "\\" in key
        or "\n" in key
    ):
        raise BackupError(f"object key {key!r} cannot be stored as a file; rename it first")
    return path


def download(folder: Path) -> None:
    s3, bucket = s3_client(), bucket_name()
    if not bucket_exists(s3, bucket):
        raise BackupError(f"bucket {bucket!r} does not exist")
    media = folder / MEDIA_DIR
    media.mkdir(parents=True, exist_ok=True)
    index, total = [], 0
    for key, size in list_keys(s3, bucket):
        if key.endswith("/") and size == 0:
            continue  # a folder marker some stores list; it holds nothing
        target = media / safe_relative(key)
        if target.exists():
            raise BackupError(f"object key {key!r} clashes with another key as a file path")
        target.parent.mkdir(parents=True, exist_ok=True)
        answer = s3.get_object(Bucket=bucket, Key=key)
        digest, written = hashlib.sha256(), 0
        with open(target, "wb") as out:
            for chunk in answer["Body"].iter_chunks(CHUNK):
                digest.update(chunk)
                out.write(chunk)
                written += len(chunk)
        if written != answer["ContentLength"]:
            raise BackupError(f"{key}: read {written} bytes of {answer['ContentLength']}")
        entry = {"key": key, "size": written, "sha256": digest.hexdigest()}
        entry.update(
            {name: answer[field] for field, name in KEPT_HEADERS.items() if answer.get(field)}
        )
        if answer.get("Metadata"):
            entry["metadata"] = answer["Metadata"]
        index.append(entry)
        total += written
    (folder / MEDIA_INDEX).write_text(
        json.dumps({"bucket": bucket, "objects": index}, ensure_ascii=False, indent=1) + "\n"
    )
    print(f"{len(index)} objects, {total} bytes from bucket {bucket}")


def bucket_state() -> None:
    s3, bucket = s3_client(), bucket_name()
    if not bucket_exists(s3, bucket):
        print("missing")
        return
    count = sum(1 for key, size in list_keys(s3, bucket) if not (key.endswith("/") and not size))
    print(f"{count} objects" if count else "empty")


def upload(folder: Path) -> None:
    s3, bucket = s3_client(), bucket_name()
    index = json.loads((folder / MEDIA_INDEX).read_text())["objects"]
    if not bucket_exists(s3, bucket):
        region = os.environ.get("S3_REGION") or ""
        extra = (
            {"CreateBucketConfiguration": {"LocationConstraint": region}}
            if region and region != "us-east-1" and not os.environ.get("S3_ENDPOINT_URL")
            else {}
        )
        s3.create_bucket(Bucket=bucket, **extra)
        print(f"bucket {bucket} created")
    total = 0
    for entry in index:
        key = entry["key"]
        extra = {field: entry[name] for field, name in KEPT_HEADERS.items() if entry.get(name)}
        if entry.get("metadata"):
            extra["Metadata"] = entry["metadata"]
        with open(folder / MEDIA_DIR / safe_relative(key), "rb") as body:
            s3.put_object(Bucket=bucket, Key=key, Body=body, **extra)
        total += entry["size"]
    # Read back what the store says it holds: every key, at its size.
    stored = dict(list_keys(s3, bucket))
    wrong = [e["key"] for e in index if stored.get(e["key"]) != e["size"]]
    if wrong:
        raise BackupError(f"{len(wrong)} objects missing or short after the upload: {wrong[:5]}")
    print(f"{len(index)} objects, {total} bytes into bucket {bucket}")


# -- the manifest ------------------------------------------------------------------------


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def files_in(folder: Path) -> list[str]:
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and p.relative_to(folder).as_posix() != MANIFEST
    )


def manifest(folder: Path) -> None:
    """`sha256sum`'s format, so `cd DIR && sha256sum -c MANIFEST.sha256` checks it too."""
    lines = [f"{sha256_of(folder / name)}  {name}\n" for name in files_in(folder)]
    with open(folder / MANIFEST, "w") as out:
        out.writelines(lines)
        out.flush()
        os.fsync(out.fileno())
    print(f"manifest: {len(lines)} files")


def verify(folder: Path) -> None:
    if not folder.is_dir():
        raise BackupError(f"{folder} is not a folder")
    if not (folder / MANIFEST).is_file():
        raise BackupError(f"{folder} has no {MANIFEST}: not a complete backup")
    listed = {}
    for number, line in enumerate((folder / MANIFEST).read_text().splitlines(), 1):
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64 or not name:
            raise BackupError(f"{MANIFEST} line {number} is malformed")
        listed[name] = digest
    for required in (DUMP, MEDIA_INDEX):
        if required not in listed:
            raise BackupError(f"{MANIFEST} does not list {required}")
    present = set(files_in(folder))
    if missing := sorted(set(listed) - present):
        raise BackupError(f"{len(missing)} files of the manifest are missing: {missing[:5]}")
    if extra := sorted(present - set(listed)):
        raise BackupError(f"{len(extra)} files are not in the manifest: {extra[:5]}")
    bad = [name for name, digest in listed.items() if sha256_of(folder / name) != digest]
    if bad:
        raise BackupError(f"{len(bad)} files do not match their checksum: {bad[:5]}")
    index = json.loads((folder / MEDIA_INDEX).read_text())["objects"]
    for entry in index:
        name = f"{MEDIA_DIR}/{safe_relative(entry['key'])}"
        if listed.get(name) != entry["sha256"]:
            raise BackupError(f"{MEDIA_INDEX} and {MANIFEST} disagree about {entry['key']!r}")
    if len(index) != sum(1 for name in listed if name.startswith(f"{MEDIA_DIR}/")):
        raise BackupError(f"{MEDIA_INDEX} and {MANIFEST} disagree about the number of objects")
    print(f"manifest good: {len(listed)} files, {len(index)} media objects")


def main(argv: list[str]) -> int:
    commands = {
        "pg-env": (0, pg_env),
        "bucket-state": (0, bucket_state),
        "download": (1, download),
        "upload": (1, upload),
        "manifest": (1, manifest),
        "verify": (1, verify),
    }
    if not argv or argv[0] not in commands or len(argv) - 1 != commands[argv[0]][0]:
        print(__doc__, file=sys.stderr)
        return 2
    _arity, command = commands[argv[0]]
    try:
        command(*(Path(arg) for arg in argv[1:]))
    except BackupError as error:
        print(f"{argv[0]}: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # boto3's and the file system's errors, on one line
        print(f"{argv[0]}: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
