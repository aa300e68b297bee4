#!/usr/bin/env bash
# A sweep across two hosts on this machine: two network namespaces (the test hosts), each joined
# to the host by a veth pair, a password-protected redis-server bound to the host-side veth
# addresses only, a `makemore worker` inside each namespace, and a sweep from the host. Checks
# that every run finished once, that both hosts trained some, that the password never reached a
# log, and that the test losses equal a local sweep's. Needs root (ip netns); says so and exits 0
# where it cannot run. Everything it made is removed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
CLI="$ROOT/dist/src/cli/main.js"
say() { echo "multihost-sweep: $*"; }
skip() { say "skipped: $*"; exit 0; }

[ -f "$CLI" ] || { say "no build: run npm run build first"; exit 1; }
command -v ip >/dev/null || skip "iproute2 is not installed (apt-get install -y iproute2)"
command -v redis-server >/dev/null || skip "redis-server is not installed (apt-get install -y redis-server)"
[ "$(id -u)" = 0 ] || skip "ip netns needs root"

TAG="mm$$"                                   # interface names are at most 15 characters
NET=10.77                                    # 10.77.1.0/24 and 10.77.2.0/24: host side .1, namespace .2
if ip -4 addr | grep -q "inet $NET\."; then skip "$NET.0.0/16 is in use on this machine"; fi
WORK="$(mktemp -d /tmp/makemore-multihost-XXXXXX)"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  for i in 1 2; do ip netns del "${TAG}h$i" 2>/dev/null || true; done   # takes its end of the veth pair, and so the pair
  rm -rf "$WORK"
}
trap cleanup EXIT

if ! ip netns add "${TAG}h1" 2>"$WORK/netns.err"; then skip "ip netns add failed: $(head -1 "$WORK/netns.err")"; fi
ip netns add "${TAG}h2"
for i in 1 2; do
  ns="${TAG}h$i"
  ip link add "${TAG}v$i" type veth peer name "${TAG}p$i"
  ip link set "${TAG}p$i" netns "$ns"
  ip addr add "$NET.$i.1/24" dev "${TAG}v$i"
  ip link set "${TAG}v$i" up
  ip netns exec "$ns" ip addr add "$NET.$i.2/24" dev "${TAG}p$i"
  ip netns exec "$ns" ip link set "${TAG}p$i" up
  ip netns exec "$ns" ip link set lo up
done

PORT="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
PASSWORD="$(node -e 'console.log(require("crypto").randomBytes(12).toString("hex"))')"
redis-server --port "$PORT" --bind "$NET.1.1" "$NET.2.1" --save '' --appendonly no --requirepass "$PASSWORD" >"$WORK/redis.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do REDISCLI_AUTH="$PASSWORD" redis-cli -h "$NET.1.1" -p "$PORT" ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done

for i in 1 2; do
  # the namespace reaches Redis only through its veth: the host side's address of its own pair
  ip netns exec "${TAG}h$i" node "$CLI" worker --queue "redis://:$PASSWORD@$NET.$i.1:$PORT" --id "host$i" --concurrency 1 >"$WORK/worker$i.log" 2>&1 &
  PIDS+=($!)
done
for i in 1 2; do
  for _ in $(seq 300); do grep -q "ready on" "$WORK/worker$i.log" && break; sleep 0.1; done
  grep -q "ready on" "$WORK/worker$i.log" || { say "worker $i did not start:"; cat "$WORK/worker$i.log"; exit 1; }
done
say "2 test hosts (${TAG}h1 at $NET.1.2, ${TAG}h2 at $NET.2.2), redis on $NET.1.1/$NET.2.1:$PORT, a worker in each"

head -800 "$ROOT/data/names.txt" >"$WORK/names.txt"
GRID="type=mlp,rnn,gru n-embd=8,16 batch-size=8 eval-every=100"
cd "$WORK"
node "$CLI" sweep -i names.txt --grid "$GRID" --max-steps 400 --name multihost --queue "redis://:$PASSWORD@$NET.1.1:$PORT" >sweep.log 2>&1 || { cat sweep.log; exit 1; }
node "$CLI" sweep -i names.txt --grid "$GRID" --max-steps 400 --name local --concurrency 2 >local.log 2>&1 || { cat local.log; exit 1; }

node --input-type=module - "$WORK" <<'EOF'
import { readFileSync } from "node:fs";
const dir = process.argv[2];
const read = (name) => readFileSync(`${dir}/sweeps/${name}/results.jsonl`, "utf8").trim().split("\n").map((l) => JSON.parse(l));
const queued = read("multihost"), local = new Map(read("local").map((r) => [r.run, r.test_loss]));
const fail = (why) => { console.log(`multihost-sweep: FAILED: ${why}`); process.exit(1); };
if (queued.length !== 6 || new Set(queued.map((r) => r.run)).size !== 6) fail(`expected 6 runs once each, got ${queued.map((r) => r.run)}`);
for (const r of queued) if (r.test_loss !== local.get(r.run)) fail(`${r.run}: test loss ${r.test_loss} on ${r.worker}, ${local.get(r.run)} locally`);
const per = Object.groupBy ? Object.groupBy(queued, (r) => r.worker) : queued.reduce((m, r) => ((m[r.worker] ??= []).push(r), m), {});
if (!per.host1 || !per.host2) fail(`both hosts should have trained runs: ${JSON.stringify(Object.keys(per))}`);
console.log(`multihost-sweep: 6 runs, each once: host1 trained ${per.host1.length}, host2 ${per.host2.length}; every test loss equals the local sweep's`);
EOF
if grep -q "$PASSWORD" "$WORK"/*.log; then say "FAILED: the Redis password appears in a log"; exit 1; fi
say "passed (the password appears in no log)"
