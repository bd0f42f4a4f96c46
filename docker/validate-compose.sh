#!/usr/bin/env bash
# Validates docker-compose.yml offline: `docker compose config` needs no Docker engine, only the CLI and the
# Compose v2 plugin (or Debian's Compose v1). Where neither exists it prints a notice and exits 0; .ci/run installs
# Debian's docker-compose first, so CI always validates. An invalid compose file exits non-zero.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if docker compose version > /dev/null 2>&1; then
  docker compose -f docker-compose.yml config -q
  echo "docker-compose.yml is valid (docker compose $(docker compose version --short))."
elif command -v docker-compose > /dev/null 2>&1; then
  # Debian ships only Compose v1 (docker-compose 1.29); it validates the same file (which therefore avoids
  # v2-only keys such as a top-level name).
  docker-compose -f docker-compose.yml config -q
  echo "docker-compose.yml is valid ($(docker-compose version --short))."
else
  echo "SKIP docker-compose.yml validation: neither 'docker compose' nor 'docker-compose' is installed."
fi
