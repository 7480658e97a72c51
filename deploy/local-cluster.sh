#!/usr/bin/env bash
# The production profile on one machine, loopback only: PostgreSQL (the machine's server,
# a database of the cluster's own), Redis and SeaweedFS (S3) of its own, two gunicorn app
# servers and nginx in front with the micro-cache. It migrates, loads the demo, collects
# the static files, then runs a command against the cluster and stops everything it
# started, by PID, however the command ends.
#
#   make cluster-deps                       # once: nginx, gunicorn, django-storages, weed
#   deploy/local-cluster.sh                 # the smoke test (tests/deploy/)
#   deploy/local-cluster.sh CMD [ARG ...]   # any command; it sees the CLUSTER_* variables
#   deploy/local-cluster.sh --serve         # keep it up until Ctrl-C, to click through
#
# CLUSTER_DATABASE (default unionsite_cluster) is dropped and created afresh on
# CLUSTER_PG (default postgres://postgres@127.0.0.1:5432), and dropped again at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)

PY=${PY:-$REPO/.venv/bin/python}
VENV_BIN=$(dirname "$PY")
WEED=${WEED:-$(command -v weed || echo "$VENV_BIN/weed")}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
REDIS_SERVER=${REDIS_SERVER:-$(command -v redis-server || echo /usr/bin/redis-server)}
CLUSTER_PG=${CLUSTER_PG:-postgres://postgres@127.0.0.1:5432}
CLUSTER_DATABASE=${CLUSTER_DATABASE:-unionsite_cluster}
S3_BUCKET=media

missing=()
for tool in "$PY" "$VENV_BIN/gunicorn" "$WEED" "$NGINX" "$REDIS_SERVER"; do
  [ -x "$tool" ] || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "local-cluster: missing ${missing[*]}; run 'make cluster-deps' first" >&2
  exit 2
fi

# Drops (and creates) the cluster's database; run with the venv's psycopg.
DB_SCRIPT='
import sys, dj_database_url, psycopg
server, name, action = sys.argv[1:]
config = dj_database_url.parse(f"{server}/postgres")
with psycopg.connect(host=config["HOST"], port=config["PORT"], user=config["USER"],
                     password=config["PASSWORD"] or None, dbname="postgres",
                     autocommit=True, connect_timeout=5) as admin:
    admin.execute(f"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")
    if action == "create":
        admin.execute(f"CREATE DATABASE \"{name}\" ENCODING \x27UTF8\x27 TEMPLATE template0")
'

BASE=$(mktemp -d /tmp/unionsite-cluster.XXXXXX)
chmod 755 "$BASE"  # nginx's workers read the static files under it
PIDS=()
NAMES=()
GRACE=()
began=$SECONDS

log() { echo "local-cluster [$((SECONDS - began))s]: $*"; }
secret() { "$PY" -c "import secrets; print(secrets.token_urlsafe($1))"; }  # secret BYTES

stop_all() {
  local rc=$? i pid
  trap - EXIT INT TERM
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    kill -TERM "${PIDS[i]}" 2>/dev/null || true
  done
  # Each gets its grace period to stop cleanly, then SIGKILL; each is reaped before we go.
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    pid=${PIDS[i]}
    for _ in $(seq $((GRACE[i] * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      log "${NAMES[i]} (pid $pid) still running after ${GRACE[i]}s: SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  if [ "${CLUSTER_KEEP:-}" != 1 ]; then
    "$PY" - "$CLUSTER_PG" "$CLUSTER_DATABASE" drop <<<"$DB_SCRIPT" || true
    rm -rf "$BASE"
  else
    log "kept $BASE and database $CLUSTER_DATABASE"
  fi
  log "stopped ${PIDS[*]:-nothing}; exit $rc"
  exit "$rc"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

start() {  # start NAME GRACE LOGFILE COMMAND...: in the background, remembered by PID
  local name=$1 grace=$2 logfile=$3
  shift 3
  "$@" >"$logfile" 2>&1 &
  PIDS+=($!)
  NAMES+=("$name")
  GRACE+=("$grace")
  log "$name started (pid $!)"
}

show_logs() {
  for f in "$BASE"/logs/*.log; do
    echo "--- $f (last 30 lines)" >&2
    tail -n 30 "$f" >&2 || true
  done
}

wait_for() {  # wait_for NAME SECONDS COMMAND...: until the command succeeds
  local name=$1 limit=$2
  shift 2
  local deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then
      log "$name did not come up within ${limit}s"
      show_logs
      return 1
    fi
    sleep 0.2
  done
}


# Twelve free loopback ports, all held at once so that no two are the same.
read -r P_NGINX P_APP1 P_APP2 P_REDIS P_MASTER P_MASTER_G P_VOLUME P_VOLUME_G \
  P_FILER P_FILER_G P_S3 P_S3_G < <("$PY" -c '
import socket
held = [socket.socket() for _ in range(12)]
for s in held:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in held))
for s in held:
    s.close()
')

mkdir -p "$BASE"/{logs,weed,static,media-local,run/cache}
S3_KEY=cluster-$RANDOM$RANDOM
S3_SECRET=$(secret 30)
CHIEF_PASSWORD=$(secret 18)
EDITOR_PASSWORD=$(secret 18)
# The app's identity may do anything in the bucket; anyone else may read an object by its
# name (nginx's /media/), and list or write nothing.
umask 077
cat >"$BASE/weed/s3.json" <<EOF
{"identities": [
  {"name": "unionsite", "credentials": [{"accessKey": "$S3_KEY", "secretKey": "$S3_SECRET"}],
   "actions": ["Admin", "Read", "List", "Tagging", "Write"]},
  {"name": "anonymous", "actions": ["Read:$S3_BUCKET"]}
]}
EOF
umask 022

# SeaweedFS first: it takes the longest to answer, and works while we migrate.
# (Its data are thrown away at the end: it gets 2 s to stop, not a graceful shutdown.)
start seaweedfs 2 "$BASE/logs/weed.log" "$WEED" server -dir="$BASE/weed" \
  -ip=127.0.0.1 -ip.bind=127.0.0.1 \
  -master.port="$P_MASTER" -master.port.grpc="$P_MASTER_G" -master.volumeSizeLimitMB=64 \
  -volume.port="$P_VOLUME" -volume.port.grpc="$P_VOLUME_G" -volume.max=32 \
  -filer.port="$P_FILER" -filer.port.grpc="$P_FILER_G" \
  -s3 -s3.port="$P_S3" -s3.port.grpc="$P_S3_G" -s3.config="$BASE/weed/s3.json" \
  -s3.port.iceberg=0 -s3.port.lance=0
start redis 10 "$BASE/logs/redis.log" "$REDIS_SERVER" --bind 127.0.0.1 --port "$P_REDIS" \
  --save "" --appendonly no --dir "$BASE" --maxmemory 256mb --maxmemory-policy allkeys-lru

# The production profile, exactly as docs/deployment.md lists it.
export DEBUG=
export SECRET_KEY
SECRET_KEY=$(secret 50)
export DATABASE_URL="$CLUSTER_PG/$CLUSTER_DATABASE"
export REDIS_URL="redis://127.0.0.1:$P_REDIS/0"
export SITE_URL="http://127.0.0.1:$P_NGINX"
export ALLOWED_HOSTS="127.0.0.1,localhost"
export BEHIND_PROXY=1 TRUSTED_PROXY_COUNT=1
export STATIC_ROOT="$BASE/static" STATIC_MANIFEST=1
export MEDIA_ROOT="$BASE/media-local"  # must stay empty: media live in the object store
export S3_BUCKET S3_ENDPOINT_URL="http://127.0.0.1:$P_S3" S3_REGION=us-east-1
export S3_ACCESS_KEY_ID="$S3_KEY" S3_SECRET_ACCESS_KEY="$S3_SECRET"
export MEDIA_URL="$SITE_URL/media/"
export LOG_FORMAT=json
export DJANGO_SETTINGS_MODULE=unionsite.settings
unset PYTHONPATH

"$PY" - "$CLUSTER_PG" "$CLUSTER_DATABASE" create <<<"$DB_SCRIPT"
log "database $CLUSTER_DATABASE created"
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py load_demo >"$BASE/logs/load_demo.log"
"$PY" manage.py collectstatic --noinput -v 0
CHIEF_PASSWORD=$CHIEF_PASSWORD EDITOR_PASSWORD=$EDITOR_PASSWORD "$PY" manage.py shell -v 0 -c '
import os
from django.contrib.auth.models import Group, User
from articles.workflow.roles import CHIEF_EDITOR, EDITOR
for username, group, password in (("chief", CHIEF_EDITOR, os.environ["CHIEF_PASSWORD"]),
                                  ("editor", EDITOR, os.environ["EDITOR_PASSWORD"])):
    user = User.objects.create_user(username, password=password, is_staff=True)
    user.groups.set([Group.objects.get(name=group)])
'
log "migrated, demo loaded, static collected, users chief (总编辑) and editor (编辑) made"

wait_for seaweedfs 60 curl -s -o /dev/null "http://127.0.0.1:$P_S3/"
"$PY" -c '
import os, time, boto3
from botocore.config import Config
s3 = boto3.client("s3", endpoint_url=os.environ["S3_ENDPOINT_URL"], region_name="us-east-1",
                  aws_access_key_id=os.environ["S3_ACCESS_KEY_ID"],
                  aws_secret_access_key=os.environ["S3_SECRET_ACCESS_KEY"],
                  config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 10}))
s3.create_bucket(Bucket=os.environ["S3_BUCKET"])
# The first write also waits for a volume server to have joined the master.
for attempt in range(60):
    try:
        s3.put_object(Bucket=os.environ["S3_BUCKET"], Key="healthz", Body=b"ok")
        break
    except Exception:
        time.sleep(0.5)
else:
    raise SystemExit("the object store takes no writes")
'
log "object store up: bucket $S3_BUCKET on 127.0.0.1:$P_S3"

for n in 1 2; do
  port_var=P_APP$n
  # A committed write refreshes nginx's copy of the front page (articles/pagecache/proxy.py).
  PROXY_PURGE_URLS="$SITE_URL" \
    GUNICORN_BIND="127.0.0.1:${!port_var}" WEB_CONCURRENCY=${CLUSTER_WORKERS:-2} \
    GUNICORN_PROC_NAME="unionsite-app$n" GUNICORN_WORKER_TMP_DIR="$BASE/run" \
    start "app$n" 25 "$BASE/logs/app$n.log" "$VENV_BIN/gunicorn" -c deploy/gunicorn.conf.py \
    unionsite.wsgi:application
done

sed -e "s|@RUN_DIR@|$BASE/run|g" -e "s|@LISTEN@|127.0.0.1:$P_NGINX|g" \
  -e "s|@STATIC_ROOT@|$BASE/static|g" -e "s|@S3_URL@|http://127.0.0.1:$P_S3|g" \
  -e "s|@S3_BUCKET@|$S3_BUCKET|g" -e "s|@PURGE_FROM@|127.0.0.1|g" \
  -e "s|@REFRESH_TOKEN@|$(secret 16)|g" \
  -e "s|@APP_SERVERS@|        server 127.0.0.1:$P_APP1;\n        server 127.0.0.1:$P_APP2;|" \
  deploy/nginx.conf.template >"$BASE/run/nginx.conf"
"$NGINX" -p "$BASE/run" -c "$BASE/run/nginx.conf" -t -q -e stderr
start nginx 10 "$BASE/logs/nginx.log" "$NGINX" -p "$BASE/run" -c "$BASE/run/nginx.conf" -e stderr

for url in "http://127.0.0.1:$P_APP1/healthz" "http://127.0.0.1:$P_APP2/healthz" \
  "$SITE_URL/healthz"; do
  wait_for "$url" 60 curl -sf -o /dev/null "$url"
done
log "up: nginx $SITE_URL, app servers :$P_APP1 and :$P_APP2, redis :$P_REDIS, S3 :$P_S3"

export CLUSTER_NGINX_URL="$SITE_URL"
export CLUSTER_APP_URLS="http://127.0.0.1:$P_APP1,http://127.0.0.1:$P_APP2"
export CLUSTER_MEDIA_URL="$MEDIA_URL" CLUSTER_S3_URL="$S3_ENDPOINT_URL/$S3_BUCKET/"
export CLUSTER_LOCAL_MEDIA_ROOT="$MEDIA_ROOT" CLUSTER_STATIC_ROOT="$STATIC_ROOT"
export CLUSTER_CHIEF=chief CLUSTER_CHIEF_PASSWORD="$CHIEF_PASSWORD"
export CLUSTER_EDITOR=editor CLUSTER_EDITOR_PASSWORD="$EDITOR_PASSWORD"
echo "CLUSTER_PIDS=${PIDS[*]}"

if [ "${1:-}" = --serve ]; then
  log "serving until Ctrl-C; log in at $SITE_URL/admin/ as chief / $CHIEF_PASSWORD"
  wait "${PIDS[@]}"
elif [ $# -gt 0 ]; then
  "$@"
else
  # The smoke test alone, without the suite's conftest (no test database to create).
  "$PY" -m pytest -p no:django --noconftest -p no:cacheprovider -W ignore::pytest.PytestConfigWarning \
    -q -m cluster \
    tests/deploy/test_smoke.py || { show_logs; exit 1; }
fi
