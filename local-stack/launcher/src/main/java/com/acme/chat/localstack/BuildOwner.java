package com.acme.chat.localstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Ties a stack that a build started to that build's Maven process: a detached reaper JVM waits for Maven to exit and
 * then stops the stack, unless {@code ./chatctl up} adopted it in the meantime (which removes the owner file).
 */
final class BuildOwner {

    private static final String OWNER = "build-owner.pid";

    private static final String REAPER = "reaper";

    private BuildOwner() {
    }

    /** The nearest Maven JVM above this process (the failsafe fork's parent chain), if any. */
    static Optional<ProcessHandle> find() {
        Optional<ProcessHandle> current = ProcessHandle.current().parent();
        while (current.isPresent()) {
            ProcessHandle handle = current.get();
            String commandLine = handle.info().commandLine().orElse("");
            if (commandLine.contains("org.codehaus.plexus.classworlds") || commandLine.contains("MavenWrapperMain")) {
                return current;
            }
            current = handle.parent();
        }
        return Optional.empty();
    }

    static void tie(LocalStack stack, ProcessHandle build) {
        StackHome home = stack.home();
        LocalStack.writePid(home.run().resolve(OWNER), build);
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        }
        command.addAll(List.of(Java.current(), "-Xmx32m", "-XX:+UseSerialGC", "-Dchat.stack.component=" + REAPER,
                "-Dchat.stack.home=" + home.root(), "-cp", LocalStack.ownClasspath(), Reaper.class.getName(),
                String.valueOf(build.pid())));
        try {
            Process reaper = new ProcessBuilder(command).directory(home.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.log(REAPER).toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
            LocalStack.writePid(stack.pidFile(REAPER), reaper.toHandle());
        }
        catch (IOException ex) {
            throw new StackException("Cannot start the reaper that stops the build's servers: " + ex.getMessage(), ex);
        }
    }

    /** The pid of the build whose end stops the stack, or -1 when no build owns it (alive or not). */
    static long ownerPid(StackHome home) {
        try {
            Path file = home.run().resolve(OWNER);
            return Files.isRegularFile(file) ? Long.parseLong(Files.readString(file).trim().split("\\s+")[0]) : -1;
        }
        catch (IOException | NumberFormatException ex) {
            return -1;
        }
    }

    /** Detaches the stack from any build (adopted by chatctl, or being stopped) and ends the reaper. */
    static void untie(LocalStack stack) {
        try {
            Files.deleteIfExists(stack.home().run().resolve(OWNER));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        LocalStack.readPid(stack.pidFile(REAPER))
            .filter(reaper -> reaper.pid() != ProcessHandle.current().pid())
            .ifPresent(reaper -> LocalStack.terminate(reaper, java.time.Duration.ofSeconds(5)));
        stack.deletePid(REAPER);
    }
}
