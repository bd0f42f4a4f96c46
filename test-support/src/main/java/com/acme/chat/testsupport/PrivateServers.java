package com.acme.chat.testsupport;

import java.util.List;

import org.springframework.test.context.DynamicPropertyRegistry;

import com.acme.chat.localstack.Component;
import com.acme.chat.localstack.Servers;

/**
 * Private server instances for outage tests: a test that stops a server to watch a
 * service follow the outage stops one of these, never a shared server that other tests or
 * a running {@code ./chatctl up} stack use. An instance starts on empty data the first
 * time a JVM asks for it and is stopped when that JVM's tests end
 * ({@link PrivateServersCleanup}); it belongs to the build, so the build's reaper stops
 * it too if the JVM dies.
 * <p>
 * Use from a {@code @DynamicPropertySource} method, and annotate the test class
 * {@code @DirtiesContext} so its context, which talks to the instance, closes with the
 * class: <pre>
 * &#64;DynamicPropertySource
 * static void privateCassandra(DynamicPropertyRegistry registry) {
 *     PrivateServers.cassandra(registry);
 * }
 * </pre>
 */
public final class PrivateServers {

    private static volatile boolean startedHere;

    private PrivateServers() {
    }

    /** Points {@code spring.cassandra.contact-points} at the private Cassandra. */
    public static Component cassandra(DynamicPropertyRegistry registry) {
        Component cassandra = start("cassandra");
        registry.add("spring.cassandra.contact-points", () -> "127.0.0.1:" + Servers.PRIVATE_CASSANDRA_PORT);
        return cassandra;
    }

    /** Points {@code spring.kafka.bootstrap-servers} at the private Kafka. */
    public static Component kafka(DynamicPropertyRegistry registry) {
        Component kafka = start("kafka");
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + Servers.PRIVATE_KAFKA_PORT);
        return kafka;
    }

    /**
     * The private Kafka, started, for tests that point processes at it themselves
     * ({@code 127.0.0.1:}{@link Servers#PRIVATE_KAFKA_PORT}).
     */
    public static Component kafka() {
        return start("kafka");
    }

    /** Points {@code spring.data.redis.*} at the private Redis. */
    public static Component redis(DynamicPropertyRegistry registry) {
        Component redis = start("redis");
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> Servers.PRIVATE_REDIS_PORT);
        return redis;
    }

    /** Points {@code chat.asset.s3.endpoint} at the private S3 store. */
    public static Component s3(DynamicPropertyRegistry registry) {
        Component s3 = start("s3");
        registry.add("chat.asset.s3.endpoint", () -> "http://127.0.0.1:" + Servers.PRIVATE_S3_PORT);
        return s3;
    }

    /** Stops a private instance (the outage); its data stays for {@link #start}. */
    public static void stop(Component instance) {
        requirePrivate(instance);
        LocalServers.stack().stop(instance);
    }

    /**
     * Starts a stopped private instance again, on the data it had, and waits until ready.
     */
    public static void start(Component instance) {
        requirePrivate(instance);
        LocalServers.stack().start(instance);
    }

    static boolean startedHere() {
        return startedHere;
    }

    static List<Component> all() {
        return Servers.privateInstances();
    }

    private static Component start(String kind) {
        // The shared servers and the namespace first: the context also uses them.
        TestNamespace.current();
        startedHere = true;
        return LocalServers.stack().ensurePrivateForBuild(kind);
    }

    private static void requirePrivate(Component instance) {
        if (!Servers.privateInstances().contains(instance)) {
            throw new IllegalArgumentException(instance.name() + " is a shared server; outage tests stop only "
                    + "private instances (PrivateServers)");
        }
    }

}
