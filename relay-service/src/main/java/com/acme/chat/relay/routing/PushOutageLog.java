package com.acme.chat.relay.routing;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;

/**
 * Logs failing live pushes without logging once per message: the first failure of an
 * outage at WARN, the following ones at DEBUG, and the recovery at INFO. The
 * {@code chat.relay.pushes.failed} counter has the full count.
 */
public final class PushOutageLog {

    private final Logger log;

    private final AtomicBoolean failing = new AtomicBoolean();

    public PushOutageLog(Logger log) {
        this.log = log;
    }

    /**
     * @param what what was not pushed, by ids only (e.g. "message m-1 to bob")
     * @param ex the failure
     */
    public void failed(String what, RuntimeException ex) {
        if (failing.compareAndSet(false, true)) {
            log.warn("Live pushes are failing, first: {} ({}); queued messages wait for the next connect", what,
                    ex.toString());
        }
        else {
            log.debug("Live push failed: {} ({})", what, ex.toString());
        }
    }

    public void succeeded() {
        if (failing.get() && failing.compareAndSet(true, false)) {
            log.info("Live pushes work again");
        }
    }

}
