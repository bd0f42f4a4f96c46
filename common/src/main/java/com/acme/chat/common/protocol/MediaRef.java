package com.acme.chat.common.protocol;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * A media attachment of a message: a reference to an asset already uploaded to the asset
 * service, never the bytes. The asset is addressed by its content hash, so the same file
 * sent twice is stored once. Used in frames and in events alike.
 *
 * @param assetHash SHA-256 of the bytes as lowercase hex
 * ({@link ProtocolLimits#ASSET_HASH_REGEX})
 * @param contentType MIME type, e.g. {@code image/jpeg}
 * @param size size in bytes
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MediaRef(@NotBlank @Pattern(regexp = ProtocolLimits.ASSET_HASH_REGEX) String assetHash,
        @NotBlank @Size(max = ProtocolLimits.MAX_CONTENT_TYPE_CHARS) String contentType, @Positive long size) {

    public MediaRef {
        Objects.requireNonNull(assetHash, "assetHash");
        Objects.requireNonNull(contentType, "contentType");
    }

}
