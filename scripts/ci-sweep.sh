#!/usr/bin/env bash
# CI's sweep suites (called from .ci/run): redis-server installed if missing and started on a
# free local port for `npm run test:sweep` (MAKEMORE_TEST_REDIS tells the tests where), then the
# two-namespace multi-host sweep, which reports itself skipped where `ip netns` cannot run.
set -euo pipefail
cd "$(dirname "$0")/.."
need() { command -v "$1" >/dev/null 2>&1; }
install() { DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" >/dev/null || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" >/dev/null; }; }
need redis-server || install redis-server
need ip || install iproute2 || echo "ci-sweep: iproute2 could not be installed; the multi-host sweep will be skipped"

PORT="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
redis-server --port "$PORT" --bind 127.0.0.1 --save '' --appendonly no >/tmp/makemore-ci-redis.log 2>&1 &
REDIS_PID=$!
trap 'kill $REDIS_PID 2>/dev/null || true; wait $REDIS_PID 2>/dev/null || true' EXIT
for _ in $(seq 100); do redis-cli -p "$PORT" ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done
redis-cli -p "$PORT" ping | grep -q PONG || { echo "ci-sweep: redis-server did not start:"; cat /tmp/makemore-ci-redis.log; exit 1; }
echo "ci-sweep: redis-server $(redis-server --version | grep -o 'v=[0-9.]*') on 127.0.0.1:$PORT"

MAKEMORE_TEST_REDIS="redis://127.0.0.1:$PORT" npm run test:sweep
bash scripts/multihost-sweep.sh
