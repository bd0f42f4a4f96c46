package com.acme.chat.localstack;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One process the stack runs: an infrastructure server or a chat service. Implementations
 * say how to prepare its files, how to start it and how to tell that it is ready;
 * {@link LocalStack} does the process handling.
 */
public interface Component {

    /**
     * Short name used for pid and log files and on the command line
     * ({@code ./chatctl logs <name>}).
     */
    String name();

    /** TCP ports the component listens on; the first one is its main port. */
    List<Integer> ports();

    /** What a client connects to, for the status table. */
    String address();

    /**
     * Creates config files, formats storage, and so on. Must be idempotent: it runs
     * before every start.
     */
    default void prepare(StackHome home) {
    }

    /** The command line; the process runs with the checkout as working directory. */
    List<String> command(StackHome home);

    default Map<String, String> environment(StackHome home) {
        return Map.of();
    }

    /**
     * True once the component serves requests. {@code log} reads what the current run has
     * logged so far.
     */
    boolean isReady(StackHome home, LogTail log);

    default Duration startTimeout() {
        return Duration.ofSeconds(120);
    }

    /** How long a SIGTERM may take before the process is killed. */
    default Duration stopTimeout() {
        return Duration.ofSeconds(30);
    }

    /**
     * Whether the whole command must run without the IPC_LOCK capability (Cassandra pins
     * its heap as root).
     */
    default boolean dropMemoryLock() {
        return false;
    }

}
