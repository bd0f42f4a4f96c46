package com.acme.chat.common.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.acme.chat.common.id.UserId;

/**
 * A media asset was uploaded and verified against its content hash, so messages may now
 * reference it. Published on {@link Topics#ASSETS} keyed by content hash. Uploading bytes
 * that are already stored publishes again with the new uploader, so consumers treat it as
 * idempotent per hash.
 *
 * @param eventId event id
 * @param occurredAt when the upload completed
 * @param version schema version, {@value #VERSION}
 * @param contentHash SHA-256 of the bytes as lowercase hex, the asset's storage key
 * @param contentType MIME type
 * @param size size in bytes
 * @param uploadedBy the uploader
 */
public record AssetStored(UUID eventId, Instant occurredAt, int version, String contentHash, String contentType,
        long size, UserId uploadedBy) implements ChatEvent {

    /** The JSON {@code type} of this event. */
    public static final String TYPE = "asset_stored";

    /** The current schema version. */
    public static final int VERSION = 1;

    public AssetStored {
        EventChecks.header(eventId, occurredAt, version);
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(uploadedBy, "uploadedBy");
    }

    @Override
    public String topic() {
        return Topics.ASSETS;
    }

    @Override
    public String partitionKey() {
        return contentHash;
    }

}
