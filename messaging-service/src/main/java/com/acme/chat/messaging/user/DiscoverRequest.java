package com.acme.chat.messaging.user;

import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/v1/users/discover}: {@code {"hashes": ["<64 hex>", ...]}},
 * SHA-256 of normalised phone numbers and e-mail addresses ({@link ContactHash}).
 *
 * @param hashes at most {@link ContactDiscovery#MAX_HASHES}
 */
record DiscoverRequest(@ArraySchema(maxItems = ContactDiscovery.MAX_HASHES, schema = @Schema(pattern = "^[0-9a-f]{64}$",
        description = "SHA-256, lowercase hex, of an E.164 phone number or a trimmed, lowercased e-mail address")) @Nullable List<String> hashes) {
}
