package com.acme.chat.wsmanager.session;

import java.util.ArrayDeque;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Handles a connection's ordered frames ({@code send_message}) one after another, in the
 * order they were submitted, while its other frames (acks, pings, read marks) go past
 * them. Each submitted piece of work starts only when the one before it has finished; the
 * returned Mono completes when it has. Work that has started runs to its end even if the
 * connection closes meanwhile (a send that reached messaging is not cut off half-way).
 * Thread-safe; holds nothing while idle.
 */
final class SendLane {

    private final ArrayDeque<Task> waiting = new ArrayDeque<>(2);

    private boolean busy;

    /**
     * @param work the work, started when its turn comes
     * @return completes when the work has finished (never fails)
     */
    Mono<Void> submit(Supplier<Mono<Void>> work) {
        Task task = new Task(work, Sinks.empty());
        boolean start;
        synchronized (this) {
            start = !busy;
            if (start) {
                busy = true;
            }
            else {
                waiting.add(task);
            }
        }
        if (start) {
            run(task);
        }
        return task.done().asMono();
    }

    private void run(Task task) {
        Mono.defer(task.work()).onErrorResume(ex -> Mono.empty()).doFinally(signal -> {
            task.done().tryEmitEmpty();
            next();
        }).subscribe();
    }

    private void next() {
        Task task;
        synchronized (this) {
            task = waiting.poll();
            if (task == null) {
                busy = false;
            }
        }
        if (task != null) {
            run(task);
        }
    }

    private record Task(Supplier<Mono<Void>> work, Sinks.Empty<Void> done) {
    }

}
