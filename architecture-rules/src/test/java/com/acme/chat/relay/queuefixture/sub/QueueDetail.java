package com.acme.chat.relay.queuefixture.sub;

import com.acme.chat.relay.queuefixture.internal.QueueInternals;

/** Below the owner of the internal package: allowed. */
public class QueueDetail {

    public int pageSize() {
        return QueueInternals.pageSize();
    }

}
