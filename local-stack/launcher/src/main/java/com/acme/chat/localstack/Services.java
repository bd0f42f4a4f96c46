package com.acme.chat.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The six chat services, run with the {@code local} profile from a copy of the Boot jars
 * the build produced. The copy ({@code .local/run/<name>.jar}) is what keeps a running
 * service alive through a rebuild: a Boot jar is read lazily, and replacing it under a
 * running JVM fails every class it has not loaded yet ({@code NoClassDefFoundError}).
 * <p>
 * Two sets exist: the developer's ({@link #all()}, what {@code ./chatctl up} starts,
 * ports 8080-8085, no namespace) and the end-to-end tests' own ({@link #forTests}, named
 * {@code it-*}, ports 28080-28085, in the test run's namespace), so the tests never talk
 * to, or take records from, a stack a developer is running.
 */
public final class Services {

    /** The name prefix of the end-to-end tests' services: {@code it-messaging}, … */
    public static final String TEST_PREFIX = "it-";

    /** websocket-manager of the test set listens here, messaging on the next port, … */
    public static final int TEST_BASE_PORT = 28080;

    private static final int BASE_PORT = 8080;

    private static final List<String> NAMES = List.of("websocket-manager", "messaging", "relay", "group", "last-seen",
            "asset");

    private Services() {
    }

    /** The developer's services, as {@code ./chatctl up} runs them. */
    public static List<Component> all() {
        return set("", BASE_PORT, "");
    }

    /**
     * The end-to-end tests' services: their own names, ports and namespace.
     * @param namespace the test run's {@code chat.namespace}
     */
    public static List<Component> forTests(String namespace) {
        return set(TEST_PREFIX, TEST_BASE_PORT, namespace);
    }

    /**
     * @param name a service's short name ({@code messaging}, …)
     * @return its port in the test set
     */
    public static int testPort(String name) {
        int index = NAMES.indexOf(name);
        if (index < 0) {
            throw new StackException("Unknown service '" + name + "'. Known: " + String.join(", ", NAMES));
        }
        return TEST_BASE_PORT + index;
    }

    /**
     * An extra messaging instance for the ownership fault tests (ADR 0014): its own name
     * and port, the test run's namespace, a lease group shared only with the other
     * instances of the same test, eight shards and short leases, so a take-over happens
     * within seconds.
     * @param namespace the test run's {@code chat.namespace}
     * @param suffix tells the instances apart: {@code it-messaging-<suffix>}
     * @param port its HTTP port
     * @param group its {@code chat.messaging.ownership.group}
     */
    public static Service messagingForFaultTests(String namespace, String suffix, int port, String group) {
        return messagingForFaultTests(namespace, suffix, port, group, List.of());
    }

    /**
     * @param extraArgs more command-line properties, e.g. another Kafka to publish to
     */
    public static Service messagingForFaultTests(String namespace, String suffix, int port, String group,
            List<String> extraArgs) {
        List<String> args = new ArrayList<>(List.of("--chat.namespace=" + namespace,
                "--chat.messaging.ownership.group=" + group, "--chat.messaging.ownership.shards=8",
                "--chat.messaging.ownership.lease-duration=3s", "--chat.messaging.ownership.renew-interval=1s",
                "--chat.messaging.ownership.takeover-margin=500ms", "--chat.messaging.ownership.forward-timeout=2s"));
        args.addAll(extraArgs);
        return new Service(TEST_PREFIX + "messaging-" + suffix, "messaging-service", port, List.copyOf(args));
    }

    private static List<Component> set(String prefix, int basePort, String namespace) {
        List<Component> services = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            String name = NAMES.get(i);
            List<String> args = new ArrayList<>();
            if (name.equals("websocket-manager")) {
                // The handler reaches messaging and relay of its own set.
                args.add("--chat.wsmanager.messaging-url=http://127.0.0.1:" + (basePort + NAMES.indexOf("messaging")));
                args.add("--chat.wsmanager.relay-url=http://127.0.0.1:" + (basePort + NAMES.indexOf("relay")));
            }
            if (!namespace.isEmpty()) {
                args.add("--chat.namespace=" + namespace);
            }
            services.add(new Service(prefix + name, name + "-service", basePort + i, List.copyOf(args)));
        }
        return services;
    }

    /**
     * A Spring Boot service; ready when {@code /readyz} (the readiness group) answers
     * 200.
     *
     * @param name component name (pid, log and jar copy file names)
     * @param module the Maven module that builds its jar
     * @param port its HTTP port
     * @param args extra Spring arguments (peer addresses, namespace)
     */
    public record Service(String name, String module, int port, List<String> args) implements Component {

        public Path jar(StackHome home) {
            return home.root().resolve(module).resolve("target").resolve(module + ".jar");
        }

        @Override
        public List<Integer> ports() {
            return List.of(port);
        }

        @Override
        public String address() {
            return "http://127.0.0.1:" + port;
        }

        @Override
        public List<String> command(StackHome home) {
            Path jar = jar(home);
            if (!Files.isRegularFile(jar)) {
                throw new StackException(home.root().relativize(jar) + " is missing: run ./mvnw -DskipTests package"
                        + " (./chatctl up does this for you).");
            }
            Path running = runCopy(home, jar);
            String heap = System.getenv().getOrDefault("CHAT_SERVICE_HEAP", "256m");
            // Loopback unless asked: the local profile's dev token endpoint mints a token
            // for anyone who reaches it.
            String bind = System.getenv().getOrDefault("CHAT_BIND_ADDRESS", Probes.LOOPBACK);
            List<String> command = new ArrayList<>(List.of(Java.current(), "-Xms64m", "-Xmx" + heap, "-XX:+UseSerialGC",
                    "-Xss512k", "-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=192m",
                    "-Dchat.stack.component=" + name, "-jar", running.toString(), "--spring.profiles.active=local",
                    "--server.port=" + port, "--server.address=" + bind));
            command.addAll(args);
            return command;
        }

        /**
         * Copies the built jar next to the pid files (write, then rename), for a start of
         * this service.
         */
        Path runCopy(StackHome home, Path jar) {
            Path running = home.run().resolve(name + ".jar");
            Path partial = home.run().resolve(name + ".jar.partial");
            try {
                Files.copy(jar, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, running, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            catch (IOException ex) {
                throw new StackException("Could not copy " + jar + " to " + running + ": " + ex.getMessage(), ex);
            }
            return running;
        }

        @Override
        public boolean isReady(StackHome home, LogTail log) {
            return Probes.httpStatus(address() + "/readyz") == 200;
        }

        @Override
        public Duration startTimeout() {
            return Duration.ofSeconds(150);
        }

    }

}
