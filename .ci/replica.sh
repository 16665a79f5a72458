#!/usr/bin/env bash
# A real streaming replica of the local PostgreSQL cluster, for CI's report tests (decision 021):
#   .ci/replica.sh start PORT DIR   base backup of the primary (pg_basebackup -R -X stream) into DIR/data,
#                                   started as a hot standby on 127.0.0.1:PORT; returns once it accepts
#                                   connections and is in recovery
#   .ci/replica.sh stop DIR         stops it and removes DIR
# The primary is CI_PG_ADMIN_URL (default postgresql://postgres@127.0.0.1:5432/postgres). Run as root
# (the cluster's files belong to the postgres OS user) or as the user that owns the cluster.
set -euo pipefail

ADMIN_URL="${CI_PG_ADMIN_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
PRIMARY_HOST="$(sed -E 's#^[a-z]+://([^@/]*@)?([^:/]+).*#\2#' <<<"$ADMIN_URL")"
PRIMARY_PORT="$(sed -nE 's#^[a-z]+://([^@/]*@)?[^:/]+:([0-9]+).*#\2#p' <<<"$ADMIN_URL")"
PRIMARY_PORT="${PRIMARY_PORT:-5432}"

# Commands on the cluster's files run as its owner.
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
setting() { psql "$ADMIN_URL" -Atc "SHOW $1"; }
bindir() {
  local major=$(( $(setting server_version_num) / 10000 ))
  if [ -x "/usr/lib/postgresql/$major/bin/pg_ctl" ]; then echo "/usr/lib/postgresql/$major/bin"; else pg_config --bindir; fi
}

start() {
  local port="$1" dir="$2" bin
  bin="$(bindir)"
  mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
  chmod 700 "$dir"

  # pg_hba.conf's "all" does not cover replication connections: allow the postgres user's from
  # 127.0.0.1 if no line does yet (once; the line stays, like the cluster's own trust lines).
  if ! as_pg psql "host=$PRIMARY_HOST port=$PRIMARY_PORT user=postgres replication=true" -Atc 'IDENTIFY_SYSTEM' >/dev/null 2>&1; then
    local hba
    hba="$(setting hba_file)"
    echo "Allowing replication connections of postgres from 127.0.0.1 ($hba)"
    printf '# CI streaming replica (.ci/replica.sh)\nhost replication postgres 127.0.0.1/32 trust\n' >>"$hba"
    psql "$ADMIN_URL" -Atc 'SELECT pg_reload_conf()' >/dev/null
    sleep 0.5
  fi

  # -c fast: an immediate checkpoint instead of a spread one (which can take minutes).
  as_pg "$bin/pg_basebackup" -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U postgres -D "$dir/data" -R -X stream -c fast

  # Debian keeps the configuration outside the data directory: the copy gets its own. A hot
  # standby needs these at least as high as the primary's.
  {
    echo "port = $port"
    echo "listen_addresses = '127.0.0.1'"
    echo "unix_socket_directories = '$dir'"
    echo "hba_file = '$dir/data/pg_hba.conf'"
    echo "hot_standby = on"
    # Report queries on the standby do not get cancelled by the primary's vacuum.
    echo "hot_standby_feedback = on"
    for name in max_connections max_worker_processes max_wal_senders max_prepared_transactions max_locks_per_transaction; do
      echo "$name = $(setting "$name")"
    done
    echo "shared_buffers = 64MB"
    # A throwaway copy: no need to survive a power cut.
    echo "fsync = off"
  } | as_pg tee "$dir/data/postgresql.conf" >/dev/null
  printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' | as_pg tee "$dir/data/pg_hba.conf" >/dev/null

  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/replica.log" -w -t 120 start >/dev/null
  for _ in $(seq 1 120); do
    [ "$(psql "postgresql://postgres@127.0.0.1:$port/postgres" -Atc 'SELECT pg_is_in_recovery()' 2>/dev/null)" = t ] && return 0
    sleep 0.5
  done
  echo "The replica on port $port did not come up in recovery:" >&2
  tail -20 "$dir/replica.log" >&2
  return 1
}

stop() {
  local dir="$1"
  # Immediate: the copy is thrown away, so no restartpoint to write first.
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_pg "$(bindir)/pg_ctl" -D "$dir/data" -m immediate -w -t 60 stop >/dev/null || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start "$2" "$3" ;;
  stop) stop "$2" ;;
  *) echo "usage: $0 start PORT DIR | stop DIR" >&2; exit 2 ;;
esac
