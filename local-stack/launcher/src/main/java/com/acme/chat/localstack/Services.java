package com.acme.chat.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * The six chat services, run with the {@code local} profile from a copy of the Boot jars
 * the build produced. The copy ({@code .local/run/<name>.jar}) is what keeps a running
 * service alive through a rebuild: a Boot jar is read lazily, and replacing it under a
 * running JVM fails every class it has not loaded yet ({@code NoClassDefFoundError}).
 */
public final class Services {

    private Services() {
    }

    public static List<Component> all() {
        return List.of(new Service("websocket-manager", "websocket-manager-service", 8080),
                new Service("messaging", "messaging-service", 8081), new Service("relay", "relay-service", 8082),
                new Service("group", "group-service", 8083), new Service("last-seen", "last-seen-service", 8084),
                new Service("asset", "asset-service", 8085));
    }

    /**
     * A Spring Boot service; ready when {@code /readyz} (the readiness group) answers
     * 200.
     */
    public record Service(String name, String module, int port) implements Component {

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
            return List.of(Java.current(), "-Xms64m", "-Xmx" + heap, "-XX:+UseSerialGC", "-Xss512k",
                    "-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=192m", "-Dchat.stack.component=" + name,
                    "-jar", running.toString(), "--spring.profiles.active=local", "--server.port=" + port);
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
