package com.acme.chat.messaging.shard;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.kit.web.ChatException;

/**
 * This instance does not hold the shard of a conversation it was asked to write. The
 * request is forwarded to the owner when one is known ({@link SendForwarder}); otherwise
 * it answers a retryable {@code service_unavailable}.
 */
public class NotOwnerException extends ChatException {

    private final int shard;

    private final @Nullable String ownerAddress;

    public NotOwnerException(int shard, Optional<String> ownerAddress) {
        super(ErrorCode.SERVICE_UNAVAILABLE,
                "No instance holds the conversation's shard " + shard + " right now; retry the same request");
        this.shard = shard;
        this.ownerAddress = ownerAddress.orElse(null);
    }

    public int shard() {
        return shard;
    }

    public Optional<String> ownerAddress() {
        return Optional.ofNullable(ownerAddress);
    }

}
