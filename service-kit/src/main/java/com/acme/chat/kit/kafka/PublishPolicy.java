package com.acme.chat.kit.kafka;

/**
 * What a caller of {@link ChatEventPublisher} needs from a publication, chosen per call.
 */
public enum PublishPolicy {

    /**
     * The caller depends on the event being durable (it acknowledges a client, or drops
     * its own copy, only afterwards): the publication completes when the broker acked
     * every event, or fails with a retryable
     * {@link com.acme.chat.common.error.ErrorCode#SERVICE_UNAVAILABLE} after
     * {@code chat.kafka.publish-timeout}.
     */
    AWAIT,

    /**
     * Losing the event costs little and is repaired elsewhere (a push notification, a
     * presence change): a failure is counted and logged, never reported to the caller.
     * The publication completes normally either way, once the broker acked or the failure
     * was recorded.
     */
    BEST_EFFORT

}
