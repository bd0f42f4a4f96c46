package com.acme.chat.kit.cassandra;

import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.servererrors.QueryValidationException;
import org.jspecify.annotations.Nullable;

/**
 * Tells a Cassandra failure that may pass (node down, timeout, overload) from one that
 * will fail again (a bad query: a bug). The first becomes {@code service_unavailable} for
 * clients and an endless, backed-off retry for Kafka listeners; the second is an
 * {@code internal} error.
 */
public final class CassandraFailures {

    private CassandraFailures() {
    }

    /**
     * @param failure a failure, possibly wrapped (completion, listener execution)
     * @return the driver failure in its cause chain if it is transient, else {@code null}
     */
    public static @Nullable DriverException transientCause(@Nullable Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DriverException driver) {
                return (driver instanceof QueryValidationException) ? null : driver;
            }
        }
        return null;
    }

}
