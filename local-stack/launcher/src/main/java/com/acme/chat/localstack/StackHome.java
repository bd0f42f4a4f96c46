package com.acme.chat.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checkout the stack belongs to and the folders it uses under {@code .local/}: data
 * (survives restarts), logs, generated configuration and run state (pid files, the stack
 * lock, the build owner).
 */
public final class StackHome {

    private final Path root;

    private StackHome(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * Finds the checkout: {@code -Dchat.stack.home} or {@code CHAT_STACK_HOME} if set,
     * otherwise the nearest folder at or above the working directory that holds both
     * {@code chatctl} and {@code local-stack/}.
     */
    public static StackHome locate() {
        String configured = System.getProperty("chat.stack.home", System.getenv("CHAT_STACK_HOME"));
        if (configured != null && !configured.isBlank()) {
            return of(Path.of(configured));
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("chatctl")) && Files.isDirectory(dir.resolve("local-stack"))) {
                return of(dir);
            }
            dir = dir.getParent();
        }
        throw new StackException("Cannot find the chat-backend checkout above " + Path.of("").toAbsolutePath()
                + ". Run from inside the checkout or set CHAT_STACK_HOME.");
    }

    public static StackHome of(Path root) {
        return new StackHome(root);
    }

    public Path root() {
        return root;
    }

    public Path base() {
        return root.resolve(".local");
    }

    public Path data(String component) {
        return dir(base().resolve("data").resolve(component));
    }

    public Path logs() {
        return dir(base().resolve("logs"));
    }

    public Path log(String component) {
        return logs().resolve(component + ".log");
    }

    public Path conf() {
        return dir(base().resolve("conf"));
    }

    public Path run() {
        return dir(base().resolve("run"));
    }

    /**
     * The runtime classpath that {@code local-stack/servers/<server>} resolved from Maven
     * Central.
     */
    public String serverClasspath(String server) {
        Path file = root.resolve("local-stack/servers").resolve(server).resolve("target/classpath.txt");
        if (!Files.isRegularFile(file)) {
            throw new StackException("The " + server + " server is not resolved yet (" + root.relativize(file)
                    + " is missing). Run ./mvnw -q -pl local-stack -amd install -DskipTests, or ./chatctl up,"
                    + " which builds what is missing.");
        }
        try {
            return Files.readString(file).trim();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static Path dir(Path dir) {
        try {
            return Files.createDirectories(dir);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
