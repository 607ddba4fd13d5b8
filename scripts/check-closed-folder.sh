#!/usr/bin/env bash
# A newcomer's first run from a folder other users cannot enter (root's home and
# `mktemp -d` are mode 700): clones this checkout there and runs `npm test` (the
# local-services tests, with the throwaway Postgres of every test run) and `npm run demo`
# until the API answers. As root, Postgres runs as the user postgres, which cannot enter
# that folder — the run proves its binaries and data are placed where it can.
#
# Usage: scripts/check-closed-folder.sh [jest arguments, default: libs/shared/local-services]
# Takes a while (npm ci, build). Exit code 0 = both commands worked.
set -euo pipefail

source_repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
closed=$(mktemp -d) # mode 700
demo_pid=
cleanup() {
  # Ctrl-C to the demo's process group, as a terminal would send it.
  if [ -n "$demo_pid" ]; then kill -INT -- "-$demo_pid" 2>/dev/null || true; wait "$demo_pid" 2>/dev/null || true; fi
  if [ -f "$closed/dachwerk/dist/apps/cli/src/main.js" ]; then
    (cd "$closed/dachwerk" && DACHWERK_PG_PORT=$pg_port DACHWERK_REDIS_PORT=$redis_port \
      node dist/apps/cli/src/main.js services down >/dev/null 2>&1) || true
  fi
  # The demo's cluster, kept outside the clone when user postgres could not enter it.
  data_dir=$(sed -n 's/^Postgres: starting .*(data in \(.*\))$/\1/p' "$closed/dachwerk/demo.log" 2>/dev/null || true)
  case "$data_dir" in /var/lib/dachwerk/postgres-data-*) rm -rf "$data_dir" ;; esac
  rm -rf "$closed"
}
free_port() { node -e 's=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
pg_port=$(free_port); redis_port=$(free_port); api_port=$(free_port)
trap cleanup EXIT

echo "Folder: $closed ($(stat -c %a "$closed")), as $(id -un)"
git clone -q "$source_repo" "$closed/dachwerk"
cd "$closed/dachwerk"

echo "== npm test -- ${*:-libs/shared/local-services}"
npm test -- "${@:-libs/shared/local-services}"

echo "== npm run demo (API on port $api_port)"
PORT=$api_port DACHWERK_PG_PORT=$pg_port DACHWERK_REDIS_PORT=$redis_port setsid npm run demo >demo.log 2>&1 &
demo_pid=$!
for _ in $(seq 1 600); do
  if curl -fsS "http://127.0.0.1:$api_port/api/v1/health" >/dev/null 2>&1; then
    echo "Demo answers: $(curl -sS "http://127.0.0.1:$api_port/api/v1/health")"
    grep -m1 'Postgres: starting' demo.log || true
    exit 0
  fi
  if ! kill -0 "$demo_pid" 2>/dev/null; then break; fi
  sleep 1
done
echo "npm run demo did not answer; its output:" >&2
cat demo.log >&2
exit 1
