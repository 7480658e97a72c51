#!/usr/bin/env bash
# A backup of the production profile: the PostgreSQL database and the media bucket.
#
#   deploy/backup.sh DEST_DIR      # DEST_DIR must not exist yet; it is made at the very end
#
# It reads the app's own variables (docs/deployment.md): DATABASE_URL, S3_BUCKET,
# S3_ENDPOINT_URL, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_ADDRESSING_STYLE.
# DEST_DIR gets:
#   db.dump           pg_dump --format=custom: one snapshot of the whole database
#   media/KEY         every object of the bucket, under its key
#   media.json        each object's key, size, sha256 and headers (Content-Type …)
#   backup.json       when, from which database and bucket, with which pg_dump
#   MANIFEST.sha256   sha256 of every file above (`sha256sum -c` reads it)
# Everything is written into a hidden DEST_DIR's sibling (.NAME.partial.XXXXXX) that is
# renamed to DEST_DIR only once the manifest is written: a DEST_DIR is always complete,
# and an interrupted run leaves nothing that looks like a backup (it removes its partial
# folder; a killed one leaves a .partial folder, which restore.sh refuses).
# The database is dumped first, then the media: photos are never renamed or overwritten,
# so every file the dump refers to is in the bucket when it is copied.
set -euo pipefail

die() {
  echo "backup: $*" >&2
  exit 1
}

if [ $# -ne 1 ] || [ -z "$1" ] || [ "${1:0:1}" = - ]; then
  echo "usage: deploy/backup.sh DEST_DIR" >&2
  exit 2
fi
DEST=${1%/}
REPO=$(cd "$(dirname "$0")/.." && pwd)
PY=${PY:-$REPO/.venv/bin/python}
HELPER=$REPO/deploy/backup_helper.py

[ ! -e "$DEST" ] || die "$DEST exists already; name a new folder (e.g. with the date)"
PARENT=$(dirname "$DEST")
[ -d "$PARENT" ] || die "no folder $PARENT to write the backup in"
[ -x "$PY" ] || die "no Python at $PY (set PY)"
command -v pg_dump >/dev/null || die "pg_dump is missing (Debian: postgresql-client)"
[ -n "${DATABASE_URL:-}" ] || die "DATABASE_URL is not set"
[ -n "${S3_BUCKET:-}" ] || die "S3_BUCKET is not set"

pg_vars=$("$PY" "$HELPER" pg-env) || die "cannot read DATABASE_URL"
eval "$pg_vars"
export PGCONNECT_TIMEOUT=${PGCONNECT_TIMEOUT:-10}

began=$SECONDS
WORK=$(mktemp -d "$PARENT/.$(basename "$DEST").partial.XXXXXX")
cleanup() {
  local rc=$?
  if [ -d "$WORK" ]; then
    rm -rf "$WORK"
    [ "$rc" -eq 0 ] || echo "backup: FAILED (exit $rc); nothing was written to $DEST" >&2
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
umask 077  # the dump holds password hashes and sessions

pg_dump --format=custom --no-password --file="$WORK/db.dump" \
  || die "pg_dump of database $PGDATABASE on ${PGHOST:-the local socket} failed"
listing=$(pg_restore --list "$WORK/db.dump") || die "the dump cannot be read back (pg_restore --list)"
tables=$(grep -c ' TABLE DATA ' <<<"$listing" || true)
echo "backup: database $PGDATABASE dumped ($tables tables, $(stat -c %s "$WORK/db.dump") bytes)"

media=$("$PY" "$HELPER" download "$WORK") || die "copying bucket $S3_BUCKET failed"
echo "backup: media: $media"

"$PY" - "$WORK/backup.json" "$PGDATABASE" "$S3_BUCKET" "$(pg_dump --version)" <<'EOF' \
  || die "cannot write backup.json"
import datetime, json, sys
path, database, bucket, pg_dump = sys.argv[1:]
info = {"taken_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": database, "bucket": bucket, "pg_dump": pg_dump, "format": 1}
open(path, "w").write(json.dumps(info, indent=1) + "\n")
EOF

"$PY" "$HELPER" manifest "$WORK" >/dev/null || die "cannot write the manifest"
"$PY" "$HELPER" verify "$WORK" >/dev/null || die "the backup does not match its own manifest"
sync -f "$WORK" 2>/dev/null || sync
chmod 700 "$WORK"
mv -T "$WORK" "$DEST" || die "cannot rename the finished backup to $DEST"
echo "backup: complete in $((SECONDS - began))s: $DEST ($(du -sh "$DEST" | cut -f1))"
