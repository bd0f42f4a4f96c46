#!/usr/bin/env bash
# Validates docker-compose.yml offline: `docker compose config` needs no Docker engine, only the CLI and the
# Compose v2 plugin (or Debian's Compose v1). Where neither exists it prints a notice and exits 0; .ci/run installs
# Debian's docker-compose first, so CI always validates. An invalid compose file exits non-zero.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Secrets have no defaults (anyone who knows a default can mint tokens, read the media or log in to a server):
# without any one of them the file must not validate; with values it must.
SECRETS=(CHAT_JWT_HMAC_SECRET CHAT_S3_ACCESS_KEY CHAT_S3_SECRET_KEY CHAT_REDIS_PASSWORD CHAT_CASSANDRA_PASSWORD
  CHAT_CASSANDRA_ADMIN_PASSWORD CHAT_KAFKA_PASSWORD)
check() {
  local secret other values
  for secret in "${SECRETS[@]}"; do
    # A secret used in several places (the Kafka JAAS line) must not get a default in any one of them either.
    if grep -Eq "\\\$\\{$secret:?-" docker-compose.yml; then
      echo "docker-compose.yml gives $secret a default somewhere: it must not." >&2
      exit 1
    fi
    values=()
    for other in "${SECRETS[@]}"; do
      [[ "$other" == "$secret" ]] || values+=("$other=validate-compose-placeholder-0123456789abcdef")
    done
    if env -u "$secret" "${values[@]}" "$@" -f docker-compose.yml config -q > /dev/null 2>&1; then
      echo "docker-compose.yml validates without $secret: it must not carry a default for it." >&2
      exit 1
    fi
  done
  values=()
  for secret in "${SECRETS[@]}"; do values+=("$secret=validate-compose-placeholder-0123456789abcdef"); done
  env "${values[@]}" "$@" -f docker-compose.yml config -q
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
