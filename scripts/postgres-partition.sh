#!/usr/bin/env bash
# A worker cut off from PostgreSQL by the network while its leases run out, then reconnected.
#
#   scripts/postgres-partition.sh [EXECUTIONS] [CUT_SECONDS]     (as root; defaults 300 and 8)
#
# Worker A runs in a network namespace and reaches the server over a veth pair (the server listens
# on the host end); worker B runs on the host. Once A holds executions, the host end of the veth is
# taken down for CUT_SECONDS (longer than the 3 s lease, shorter than the store's 10 s call timeout,
# so A's requests sent before the cut reach the server after it), then brought up again.
# Checked afterwards, from the server's own records (an audit trigger on the journal):
#   every execution finished with the uninterrupted run's transcript and result (lost = 0);
#   every journal position written once (duplicated = 0);
#   no record written under a token older than one already used for that execution (fencing);
#   executions A held were taken over by B.
# Needs: ip (iproute2), psql, PostgreSQL's initdb/pg_ctl, and a built `playbooks`
# (PLAYBOOKS_BIN, default .build/debug/playbooks).
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-300}
cut_seconds=${2:-8}
bin=${PLAYBOOKS_BIN:-$PWD/.build/debug/playbooks}
[ "$(id -u)" = 0 ] || { echo "postgres-partition: needs root (network namespaces)" >&2; exit 2; }
command -v ip >/dev/null && command -v psql >/dev/null || { echo "postgres-partition: needs ip and psql" >&2; exit 2; }

tag="pbp$$"
ns="$tag"
host_if="${tag}h"
ns_if="${tag}n"
net=10.$((RANDOM % 200 + 20)).$((RANDOM % 250)).
host_ip="${net}1"
ns_ip="${net}2"
work=$(mktemp -d /tmp/playbooks-partition.XXXXXX)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
    ip link del "$host_if" 2>/dev/null || true
    [ -n "${PLAYBOOKS_PG_DIR:-}" ] && scripts/postgres-throwaway.sh stop "$PLAYBOOKS_PG_DIR"
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
say() { printf '%s partition: %s\n' "$(date -u +%H:%M:%S.%N | cut -c1-12)" "$*"; }

eval "$(scripts/postgres-throwaway.sh start | sed 's/^/export /')"
port=$(cat "$PLAYBOOKS_PG_DIR/port")
password=$(sed -n 's#^postgres://playbooks:\([^@]*\)@.*#\1#p' <<<"$PLAYBOOKS_TEST_POSTGRES_URL")
export PGPASSWORD="$password"
sql() { psql -qAtX -h 127.0.0.1 -p "$port" -U playbooks -d postgres -v ON_ERROR_STOP=1 -c "$1"; }

# The veth pair and the namespace; the server also listens on the host end.
ip netns add "$ns"
ip link add "$host_if" type veth peer name "$ns_if"
ip link set "$ns_if" netns "$ns"
ip addr add "$host_ip/24" dev "$host_if"
ip link set "$host_if" up
ip netns exec "$ns" ip addr add "$ns_ip/24" dev "$ns_if"
ip netns exec "$ns" ip link set "$ns_if" up
ip netns exec "$ns" ip link set lo up
echo "127.0.0.1,$host_ip" >"$PLAYBOOKS_PG_DIR/listen"
runuser -u postgres -- sh -c "echo 'host all all ${net}0/24 scram-sha-256' >> '$PLAYBOOKS_PG_DIR/data/pg_hba.conf'"
scripts/postgres-throwaway.sh pause "$PLAYBOOKS_PG_DIR"
scripts/postgres-throwaway.sh resume "$PLAYBOOKS_PG_DIR"

schema=partition
host_url="postgres://playbooks:$password@127.0.0.1:$port/postgres?schema=$schema"
ns_url="postgres://playbooks:$password@$host_ip:$port/postgres?schema=$schema"
program=$(sed -n '/static let program = """/,/^        """/p' Tests/PlaybooksRuntimeTests/CLIWorkerTests.swift | sed '1d;$d' | sed 's/^        //')
printf '%s\n' "$program" >"$work/loops.pb"
(cd "$work" && "$bin" run loops.pb --store "sqlite:$work/reference.db" >/dev/null)
reference_id=$(cd "$work" && "$bin" executions list --store "sqlite:$work/reference.db" | sed -n '2s/\t.*//p')
(cd "$work" && "$bin" executions show "$reference_id" --store "sqlite:$work/reference.db" --transcript) >"$work/reference.txt"
records=$(cd "$work" && "$bin" executions list --store "sqlite:$work/reference.db" | sed -n '2p' | cut -f3)
say "reference: $(wc -l <"$work/reference.txt") transcript lines, $records journal records"

(cd "$work" && "$bin" submit loops.pb --store "$host_url" --count "$count") >"$work/ids"
sql "CREATE TABLE $schema.audit (execution_id text NOT NULL, sequence bigint NOT NULL, token bigint NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())"
sql "CREATE FUNCTION $schema.audit_insert() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN INSERT INTO $schema.audit VALUES (NEW.execution_id, NEW.sequence, NEW.token); RETURN NEW; END \$\$"
sql "CREATE TRIGGER audit AFTER INSERT ON $schema.playbooks_journal FOR EACH ROW EXECUTE FUNCTION $schema.audit_insert()"
say "$count executions submitted"

worker_args=(worker --lease 3 --snapshot-every 16 --durability machine --verbose)
(cd "$work" && exec ip netns exec "$ns" "$bin" "${worker_args[@]}" --store "$ns_url" --concurrency 10) 2>"$work/a.log" &
pids+=($!)
a_pid=$!
until [ "$(sql "SELECT count(*) FROM $schema.playbooks_executions WHERE owner IS NOT NULL")" -ge 10 ] \
    && [ "$(sql "SELECT count(*) FROM $schema.audit")" -ge 200 ]; do sleep 0.1; done
(cd "$work" && exec "$bin" "${worker_args[@]}" --store "$host_url" --concurrency 10) 2>"$work/b.log" &
pids+=($!)
b_pid=$!
sleep 1
a_owner=$(sed -n 's/.*worker \(pid [0-9]* on .* #[0-9a-f]*\) on .*: up to .*/\1/p' "$work/a.log" | head -1)
[ -n "$a_owner" ] || { say "worker A did not start:"; cat "$work/a.log" >&2; exit 1; }
sql "SELECT id FROM $schema.playbooks_executions WHERE owner = '$a_owner'" >"$work/a-held"
say "worker A ($a_owner) holds $(wc -l <"$work/a-held") executions; cutting its link for $cut_seconds s"
cut_at=$(date +%s.%N)
ip link set "$host_if" down
taken=""
while [ "$(echo "$(date +%s.%N) - $cut_at < $cut_seconds" | bc)" = 1 ]; do
    if [ -z "$taken" ] && [ "$(sql "SELECT count(*) FROM $schema.playbooks_executions WHERE owner = '$a_owner'")" = 0 ]; then
        taken=$(echo "$(date +%s.%N) - $cut_at" | bc)
        say "every execution A held was taken over $taken s after the cut"
    fi
    sleep 0.1
done
ip link set "$host_if" up
say "link up again"
until [ "$(sql "SELECT count(*) FROM $schema.playbooks_executions WHERE info LIKE '%\"status\":\"finished\"%' AND NOT queued")" = "$count" ]; do
    sleep 0.5
    if [ "$(echo "$(date +%s.%N) - $cut_at > 900" | bc)" = 1 ]; then say "not finished after 900 s"; break; fi
done
say "all finished; stopping the workers"
kill -TERM "$a_pid" "$b_pid"
wait "$a_pid" || say "worker A exited with $?"
wait "$b_pid" || say "worker B exited with $?"
pids=()

finished=$(sql "SELECT count(*) FROM $schema.playbooks_executions WHERE info LIKE '%\"status\":\"finished\"%' AND NOT queued")
writes=$(sql "SELECT count(*) FROM $schema.audit")
duplicated=$(sql "SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM $schema.audit GROUP BY execution_id, sequence) t")
stale=$(sql "SELECT count(*) FROM $schema.audit a JOIN $schema.audit b ON a.execution_id = b.execution_id AND a.sequence < b.sequence AND a.token > b.token")
held_list=$(sed "s/.*/'&'/" "$work/a-held" | paste -sd,)
moved=0
[ -n "$held_list" ] && moved=$(sql "SELECT count(*) FROM (SELECT execution_id FROM $schema.audit WHERE execution_id IN ($held_list) GROUP BY 1 HAVING count(DISTINCT token) > 1) t")
different=0
while read -r id; do
    (cd "$work" && "$bin" executions show "$id" --store "$host_url" --transcript) >"$work/t.txt" 2>&1 || true
    cmp -s "$work/t.txt" "$work/reference.txt" || { different=$((different + 1)); say "transcript of $id differs"; }
done <"$work/ids"
lost_events=$(grep -c "lost " "$work/a.log" || true)
refused=$(grep -c "superseded\|expired" "$work/a.log" || true)
say "A's log: $(grep -c "claimed " "$work/a.log" || true) claims, $(grep -c ": finished " "$work/a.log" || true) finished," \
    "$lost_events executions reported lost, $refused writes refused by the fence"
grep "worker: " "$work/a.log" | grep -v "claimed\|finished\|released" | head -5 | sed 's/^/  A: /'
lost=$((count - finished))
say "RESULT executions=$count cut=${cut_seconds}s held_by_A=$(wc -l <"$work/a-held") taken_over_after=${taken:-never}s" \
    "changed_hands=$moved lost=$lost duplicated=$duplicated stale_token_writes=$stale records=$writes/$((count * records))" \
    "transcripts_different=$different"
[ "$lost" = 0 ] && [ "$duplicated" = 0 ] && [ "$stale" = 0 ] && [ "$different" = 0 ] && [ "$writes" = $((count * records)) ] \
    && [ "$moved" -gt 0 ]
