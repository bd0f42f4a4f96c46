package com.acme.chat.messaging.shard;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.kit.web.ChatException;

/**
 * This instance no longer holds the shard a write was for: the write must not be
 * acknowledged. Clients see a retryable {@code service_unavailable}; their retry reaches
 * the new owner, which finds whatever part of the attempt was stored (ADR 0014).
 */
public class LostTenureException extends ChatException {

    public LostTenureException(int shard) {
        super(ErrorCode.SERVICE_UNAVAILABLE,
                "This instance lost the ownership of shard " + shard + "; retry the same request");
    }

}
