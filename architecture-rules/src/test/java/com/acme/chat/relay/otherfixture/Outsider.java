package com.acme.chat.relay.otherfixture;

import com.acme.chat.relay.queuefixture.internal.QueueInternals;

/** Outside the owner of the internal package: breaks "no internal leaks". */
public class Outsider {

    public int pageSize() {
        return QueueInternals.pageSize();
    }

}
