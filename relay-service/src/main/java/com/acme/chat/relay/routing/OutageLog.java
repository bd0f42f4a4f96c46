package com.acme.chat.relay.routing;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;

/**
 * Logs the failures of a best-effort dependency without logging once per message: the
 * first failure of an outage at WARN, the following ones at DEBUG, and the recovery at
 * INFO. The caller's counter has the full count.
 */
public final class OutageLog {

    private final Logger log;

    private final String failing;

    private final String meanwhile;

    private final String recovered;

    private final AtomicBoolean outage = new AtomicBoolean();

    /**
     * @param log where to log
     * @param failing what fails, e.g. "Live pushes are failing"
     * @param meanwhile what that means until it works again
     * @param recovered the line logged when it works again
     */
    public OutageLog(Logger log, String failing, String meanwhile, String recovered) {
        this.log = log;
        this.failing = failing;
        this.meanwhile = meanwhile;
        this.recovered = recovered;
    }

    /**
     * For live pushes over the handler channels (message frames, receipts, notices).
     * @param log where to log
     * @return the outage log of live pushes
     */
    public static OutageLog livePushes(Logger log) {
        return new OutageLog(log, "Live pushes are failing", "queued messages wait for the next connect",
                "Live pushes work again");
    }

    /**
     * @param what what failed, by ids only (e.g. "message m-1 to bob")
     * @param ex the failure
     */
    public void failed(String what, RuntimeException ex) {
        if (outage.compareAndSet(false, true)) {
            log.warn("{}, first: {} ({}); {}", failing, what, ex.toString(), meanwhile);
        }
        else {
            log.debug("{}: {} ({})", failing, what, ex.toString());
        }
    }

    public void succeeded() {
        if (outage.get() && outage.compareAndSet(true, false)) {
            log.info(recovered);
        }
    }

}
