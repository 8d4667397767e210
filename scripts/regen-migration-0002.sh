#!/usr/bin/env bash
# Development helper while the convening work is in progress: regenerate migration 0002 from the
# difference between migration 0001 and the current models. Review the result by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -f migrations/versions/0002_*.py
export GOVAPP_ENV=development SECRET_KEY=regen DATABASE_URL="sqlite:///$tmp/regen.sqlite3"
.venv/bin/flask --app wsgi db upgrade 0001 >/dev/null 2>&1
.venv/bin/flask --app wsgi db migrate -m "Convening" --rev-id 0002 2>&1 | tail -1
f=$(ls migrations/versions/0002_*.py 2>/dev/null || true)
if [ -n "$f" ]; then
  scripts/tidy-migration.sh "$f"
  sed -i 's/^Create Date.*$/Create Date: 2026-11-23/' "$f"
  .venv/bin/ruff format -q "$f" || true
  echo "regenerated $f"
fi
