package com.acme.chat.relay.queuefixture.internal;

/** An internal class of the fixture package {@code relay.queuefixture}. */
public final class QueueInternals {

    private QueueInternals() {
    }

    public static int pageSize() {
        return 100;
    }

}
