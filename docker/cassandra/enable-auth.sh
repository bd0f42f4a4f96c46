#!/usr/bin/env bash
# Entry point of the cassandra service in docker-compose.yml. The official image sets a few cassandra.yaml keys from
# CASSANDRA_* variables but not the authenticator or authorizer, so this switches on password authentication and
# role-based authorization in the image's cassandra.yaml, then hands over to the image's own entry point. Idempotent
# (a restarted container finds the file already changed). The roles themselves come from create-roles.sh.
set -euo pipefail

conf="${CASSANDRA_CONF:-${CASSANDRA_CONFIG:-/etc/cassandra}}/cassandra.yaml"
# Both spellings: "authenticator: AllowAllAuthenticator" and, since 5.0, "authenticator:" followed by an indented
# "class_name: [org.apache.cassandra.auth.]AllowAllAuthenticator". AllowAllNetworkAuthorizer and
# AllowAllCIDRAuthorizer do not match and stay as they are.
edited="$(sed -E \
  -e 's/^(authenticator:[[:space:]]*)(org\.apache\.cassandra\.auth\.)?AllowAllAuthenticator[[:space:]]*$/\1\2PasswordAuthenticator/' \
  -e 's/^(authorizer:[[:space:]]*)(org\.apache\.cassandra\.auth\.)?AllowAllAuthorizer[[:space:]]*$/\1\2CassandraAuthorizer/' \
  -e 's/^([[:space:]]+class_name[[:space:]]*:[[:space:]]*)(org\.apache\.cassandra\.auth\.)?AllowAllAuthenticator[[:space:]]*$/\1\2PasswordAuthenticator/' \
  -e 's/^([[:space:]]+class_name[[:space:]]*:[[:space:]]*)(org\.apache\.cassandra\.auth\.)?AllowAllAuthorizer[[:space:]]*$/\1\2CassandraAuthorizer/' \
  "$conf")"
# Written in place (not sed -i): the file may be a bind mount, and it keeps its owner.
printf '%s\n' "$edited" > "$conf"

for wanted in PasswordAuthenticator CassandraAuthorizer; do
  if ! grep -Eq "^([a-z]+:|[[:space:]]+class_name[[:space:]]*:)[[:space:]]*(org\.apache\.cassandra\.auth\.)?$wanted[[:space:]]*$" "$conf"; then
    echo "enable-auth.sh: could not switch on $wanted in $conf; its format changed, adapt this script" >&2
    exit 1
  fi
done

exec docker-entrypoint.sh "$@"
