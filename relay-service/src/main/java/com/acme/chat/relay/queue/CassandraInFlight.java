package com.acme.chat.relay.queue;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import com.acme.chat.relay.config.RelayProperties;

/**
 * Bounds the asynchronous Cassandra requests of this instance's deliveries
 * ({@code chat.relay.fanout-requests-in-flight}): a group message writes a row per member
 * device at once instead of one after the other, and hundreds of members times up to six
 * devices would exceed what the driver takes per connection (1,024 requests; beyond it
 * requests fail with "busy"). A caller past the bound waits on its own thread (a Kafka
 * listener) until an earlier request completes.
 */
@Component
public class CassandraInFlight {

    private final Semaphore permits;

    CassandraInFlight(RelayProperties properties) {
        this.permits = new Semaphore(properties.fanoutRequestsInFlight());
    }

    /**
     * Starts a request once a place is free; the place is given back when it completes.
     * @param request starts the request
     * @param <T> its result
     * @return the request's outcome
     */
    public <T> CompletableFuture<T> submit(Supplier<? extends CompletionStage<T>> request) {
        permits.acquireUninterruptibly();
        CompletionStage<T> started;
        try {
            started = request.get();
        }
        catch (RuntimeException ex) {
            permits.release();
            throw ex;
        }
        return started.toCompletableFuture().whenComplete((result, ex) -> permits.release());
    }

    /**
     * Waits for every request and fails like a synchronous call would: with the first
     * failure's own exception (not wrapped), so the listeners' error handling tells a
     * Cassandra outage (retried in place) from a bug.
     * @param requests the requests
     */
    public static void join(Collection<? extends CompletableFuture<?>> requests) {
        try {
            CompletableFuture.allOf(requests.toArray(CompletableFuture<?>[]::new)).join();
        }
        catch (CompletionException ex) {
            if (ex.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw ex;
        }
    }

}
