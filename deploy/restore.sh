#!/usr/bin/env bash
# Brings a backup made by deploy/backup.sh back: the database and the media bucket.
#
#   deploy/restore.sh [--force] SRC_DIR
#
# With the app's own variables (docs/deployment.md: DATABASE_URL, S3_*, and the rest for
# manage.py). In this order, stopping at the first failure:
#   1. SRC_DIR's files are checked against its MANIFEST.sha256: a backup with a missing,
#      extra or changed file is refused before anything is touched;
#   2. the database named by DATABASE_URL must exist and be empty (no tables), and the
#      bucket S3_BUCKET empty or missing (it is created); --force restores over what is
#      there (pg_restore --clean, objects of the same key replaced);
#   3. pg_restore, in one transaction (a failure leaves the database as it was), without
#      the original owner and grants: the objects belong to DATABASE_URL's user;
#   4. every object is uploaded with its headers (Content-Type, Cache-Control), and the
#      bucket is listed back;
#   5. the app's cache is cleared (its pages were rendered from the old database), and
#      `manage.py migrate --check` says whether this release's migrations are all applied.
# The last line says what was restored.
set -euo pipefail

die() {
  echo "restore: $*" >&2
  exit 1
}
usage() {
  echo "usage: deploy/restore.sh [--force] SRC_DIR" >&2
  exit 2
}

FORCE=0
SRC=
for arg in "$@"; do
  case $arg in
    --force) FORCE=1 ;;
    -*) usage ;;
    *) [ -z "$SRC" ] || usage; SRC=${arg%/} ;;
  esac
done
[ -n "$SRC" ] || usage
REPO=$(cd "$(dirname "$0")/.." && pwd)
PY=${PY:-$REPO/.venv/bin/python}
HELPER=$REPO/deploy/backup_helper.py

[ -x "$PY" ] || die "no Python at $PY (set PY)"
for tool in pg_restore psql; do
  command -v "$tool" >/dev/null || die "$tool is missing (Debian: postgresql-client)"
done
[ -n "${DATABASE_URL:-}" ] || die "DATABASE_URL is not set"
[ -n "${S3_BUCKET:-}" ] || die "S3_BUCKET is not set"
began=$SECONDS

# 1. The backup is whole and unchanged.
case $(basename "$SRC") in
  .*.partial.*) die "refusing $SRC: an unfinished backup (backup.sh was stopped while writing it)" ;;
esac
checked=$("$PY" "$HELPER" verify "$SRC") || die "refusing $SRC: it does not match its manifest"
echo "restore: $SRC: $checked"
taken_at=$("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1])).get("taken_at", "?"))' \
  "$SRC/backup.json" 2>/dev/null || echo "?")

# 2. Somewhere empty to restore into.
pg_vars=$("$PY" "$HELPER" pg-env) || die "cannot read DATABASE_URL"
eval "$pg_vars"
export PGCONNECT_TIMEOUT=${PGCONNECT_TIMEOUT:-10}
tables=$(psql --no-password -X -At -v ON_ERROR_STOP=1 -c "SELECT count(*) FROM pg_tables
  WHERE schemaname NOT IN ('pg_catalog', 'information_schema')") \
  || die "cannot connect to database $PGDATABASE (create it first, empty: createdb -T template0 -E UTF8)"
if [ "$tables" -gt 0 ] && [ "$FORCE" != 1 ]; then
  die "database $PGDATABASE has $tables tables; restore into an empty one, or --force to replace them"
fi
bucket=$("$PY" "$HELPER" bucket-state) || die "cannot reach bucket $S3_BUCKET"
if [ "$bucket" != missing ] && [ "$bucket" != empty ] && [ "$FORCE" != 1 ]; then
  die "bucket $S3_BUCKET holds $bucket; restore into an empty one, or --force to add to it"
fi

# 3. The database.
clean=()
[ "$tables" -eq 0 ] || clean=(--clean --if-exists)
pg_restore --no-password --dbname="$PGDATABASE" --single-transaction --exit-on-error \
  --no-owner --no-privileges "${clean[@]}" "$SRC/db.dump" \
  || die "pg_restore into $PGDATABASE failed; the database is as it was before"
restored=$(psql --no-password -X -At -c "SELECT count(*) FROM pg_tables
  WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
echo "restore: database $PGDATABASE restored ($restored tables)"

# 4. The media.
media=$("$PY" "$HELPER" upload "$SRC") || die "uploading the media into bucket $S3_BUCKET failed"
echo "restore: media: ${media//$'\n'/; }"

# 5. The app on top of it.
cd "$REPO"
if [ -n "${REDIS_URL:-}" ]; then
  "$PY" manage.py shell -v 0 -c 'from django.core.cache import cache; cache.clear()' \
    || echo "restore: WARNING: could not clear the cache at REDIS_URL; flush it by hand" >&2
fi
if ! "$PY" manage.py migrate --check -v 0 >/dev/null 2>&1; then
  "$PY" manage.py showmigrations --plan 2>&1 | grep -v '^\[X\]' | head -n 20 >&2 || true
  die "restored, but this release has migrations the backup lacks (above): run manage.py migrate"
fi
stories=$(psql --no-password -X -At -c "SELECT count(*) FROM articles_article" 2>/dev/null || echo "?")
echo "restore: done in $((SECONDS - began))s: backup of $taken_at: database $PGDATABASE" \
  "($restored tables, $stories stories), ${media##*$'\n'}; migrations up to date"
