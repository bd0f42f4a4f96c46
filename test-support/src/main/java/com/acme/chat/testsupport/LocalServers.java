package com.acme.chat.testsupport;

import com.acme.chat.localstack.LocalStack;
import com.acme.chat.localstack.Servers;

/**
 * Access to the shared servers for tests that simulate an outage (stop a server, then
 * start it again).
 */
public final class LocalServers {

    private LocalServers() {
    }

    static LocalStack stack() {
        return LocalStack.locate(line -> System.out.println("[local-stack] " + line));
    }

    /**
     * The servers and the six services (from their jars, profile local), reused or
     * started for this build.
     */
    public static void ensureWholeStack() {
        stack().ensureStackForBuild();
    }

    public static void stop(String server) {
        stack().stop(LocalStack.component(server));
    }

    public static void start(String server) {
        stack().start(LocalStack.component(server));
    }

    public static String kafkaBootstrap() {
        return "127.0.0.1:" + Servers.KAFKA_PORT;
    }

    public static int cassandraPort() {
        return Servers.CASSANDRA_PORT;
    }

}
