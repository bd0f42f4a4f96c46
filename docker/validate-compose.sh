#!/usr/bin/env bash
# Validates docker-compose.yml offline: `docker compose config` needs no Docker engine, only the CLI and the
# Compose v2 plugin (or Debian's Compose v1). Where neither exists it prints a notice and exits 0; .ci/run installs
# Debian's docker-compose first, so CI always validates. An invalid compose file exits non-zero.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# The token secret has no default (anyone who knows a default can mint tokens): without it the file must not
# validate; with a value it must.
check() {
  if env -u CHAT_JWT_HMAC_SECRET "$@" -f docker-compose.yml config -q > /dev/null 2>&1; then
    echo "docker-compose.yml validates without CHAT_JWT_HMAC_SECRET: it must not carry a default token secret." >&2
    exit 1
  fi
  CHAT_JWT_HMAC_SECRET="${CHAT_JWT_HMAC_SECRET:-validate-compose-placeholder-0123456789abcdef}" \
    "$@" -f docker-compose.yml config -q
}

if docker compose version > /dev/null 2>&1; then
  check docker compose
  echo "docker-compose.yml is valid (docker compose $(docker compose version --short))."
elif command -v docker-compose > /dev/null 2>&1; then
  # Debian ships only Compose v1 (docker-compose 1.29); it validates the same file (which therefore avoids
  # v2-only keys such as a top-level name).
  check docker-compose
  echo "docker-compose.yml is valid ($(docker-compose version --short))."
else
  echo "SKIP docker-compose.yml validation: neither 'docker compose' nor 'docker-compose' is installed."
fi
