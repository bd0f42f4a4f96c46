package com.acme.chat.relay.queuefixture;

import com.acme.chat.relay.queuefixture.internal.QueueInternals;

/** Uses its own internal package: allowed. */
public class QueueFacade {

    public int pageSize() {
        return QueueInternals.pageSize();
    }

}
