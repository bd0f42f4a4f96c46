package com.acme.chat.messaging.user;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/v1/users/discover}: {@code {"hashes": ["<64 hex>", ...]}},
 * SHA-256 of normalised phone numbers and e-mail addresses ({@link ContactHash}).
 *
 * @param hashes at most {@link ContactDiscovery#MAX_HASHES}
 */
record DiscoverRequest(@Nullable List<String> hashes) {
}
