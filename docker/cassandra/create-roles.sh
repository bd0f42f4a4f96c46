#!/usr/bin/env bash
# One-shot init of the cassandra service in docker-compose.yml (the cassandra-init container), run after Cassandra is
# healthy and before any chat service starts. With password authentication Cassandra creates one superuser,
# cassandra/cassandra, which everybody knows. This
#   1. creates the superuser chat_admin with CHAT_CASSANDRA_ADMIN_PASSWORD (logging in as cassandra/cassandra, the
#      first time only),
#   2. creates or updates the services' role CHAT_CASSANDRA_USERNAME (not a superuser) with CHAT_CASSANDRA_PASSWORD
#      and all permissions on all keyspaces (the services create their own keyspaces and tables at start-up),
#   3. disables the cassandra role (no login, no superuser).
# Idempotent: every later run logs in as chat_admin. To change the admin password, ALTER ROLE chat_admin by hand first.
set -euo pipefail

: "${CHAT_CASSANDRA_ADMIN_PASSWORD:?CHAT_CASSANDRA_ADMIN_PASSWORD is required}"
: "${CHAT_CASSANDRA_USERNAME:?CHAT_CASSANDRA_USERNAME is required}"
: "${CHAT_CASSANDRA_PASSWORD:?CHAT_CASSANDRA_PASSWORD is required}"
host="${CASSANDRA_HOST:-cassandra}"
admin=chat_admin

case "$CHAT_CASSANDRA_USERNAME" in
  cassandra | "$admin")
    echo "create-roles.sh: CHAT_CASSANDRA_USERNAME must not be '$CHAT_CASSANDRA_USERNAME' (a superuser)" >&2
    exit 1 ;;
esac

# A CQL string literal: quotes doubled.
literal() { local value="$1"; printf "'%s'" "${value//\'/\'\'}"; }
cql() { local user="$1" password="$2" statement="$3"; cqlsh "$host" 9042 -u "$user" -p "$password" -e "$statement"; }
as_admin() { cql "$admin" "$CHAT_CASSANDRA_ADMIN_PASSWORD" "$1"; }

# The default superuser appears a few seconds after the first start; Cassandra may also still be opening.
for attempt in $(seq 1 60); do
  if as_admin "SELECT role FROM system_auth.roles LIMIT 1" > /dev/null 2>&1; then
    break
  fi
  cql cassandra cassandra "CREATE ROLE IF NOT EXISTS $admin WITH SUPERUSER = true AND LOGIN = true AND PASSWORD = $(literal "$CHAT_CASSANDRA_ADMIN_PASSWORD")" > /dev/null 2>&1 || true
  if [ "$attempt" = 60 ]; then
    echo "create-roles.sh: cannot log in as $admin (a different CHAT_CASSANDRA_ADMIN_PASSWORD than the stored one?)" >&2
    exit 1
  fi
  sleep 5
done

role="$(literal "$CHAT_CASSANDRA_USERNAME")"
password="$(literal "$CHAT_CASSANDRA_PASSWORD")"
as_admin "CREATE ROLE IF NOT EXISTS $role WITH LOGIN = true AND PASSWORD = $password"
as_admin "ALTER ROLE $role WITH PASSWORD = $password AND LOGIN = true AND SUPERUSER = false"
as_admin "GRANT ALL PERMISSIONS ON ALL KEYSPACES TO $role"
as_admin "ALTER ROLE cassandra WITH SUPERUSER = false AND LOGIN = false"
echo "create-roles.sh: role $CHAT_CASSANDRA_USERNAME ready, default superuser disabled"
