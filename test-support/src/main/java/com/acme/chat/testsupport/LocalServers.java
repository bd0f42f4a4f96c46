package com.acme.chat.testsupport;

import com.acme.chat.localstack.LocalStack;
import com.acme.chat.localstack.Servers;
import com.acme.chat.localstack.Services;

/**
 * Where tests find the shared servers and the end-to-end tests' own services. Tests never
 * stop a shared server; outage tests use {@link PrivateServers}.
 */
public final class LocalServers {

    private LocalServers() {
    }

    static LocalStack stack() {
        return LocalStack.locate(line -> System.out.println("[local-stack] " + line));
    }

    /**
     * The shared servers (reused, or started for this build) and the end-to-end tests'
     * own six services ({@code it-*}, their own ports, this run's namespace), started for
     * this build. A running {@code ./chatctl up} stack is left alone.
     */
    public static void ensureTestServices() {
        stack().ensureServersForBuild();
        stack().ensureTestServicesForBuild(TestNamespace.current());
    }

    /**
     * @param service a service's short name: {@code messaging}, {@code relay}, …
     * @return the base URL of the tests' own instance of it, e.g.
     * {@code http://127.0.0.1:28081}
     */
    public static String testServiceUrl(String service) {
        return "http://127.0.0.1:" + Services.testPort(service);
    }

    public static String kafkaBootstrap() {
        return "127.0.0.1:" + Servers.KAFKA_PORT;
    }

    public static int cassandraPort() {
        return Servers.CASSANDRA_PORT;
    }

}
