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
 * Ties components that a build started to that build's Maven process. Each such component
 * has an owner file ({@code .local/run/<name>.owner}) naming the build's pid; a detached
 * reaper JVM waits for the build to end and then stops exactly those components.
 * {@code ./chatctl up} adopts everything (removes the owner files), so what a developer
 * started is never stopped by a build.
 */
final class BuildOwner {

    private static final String REAPER = "reaper";

    private BuildOwner() {
    }

    /**
     * The nearest Maven JVM above this process (the failsafe fork's parent chain), if
     * any.
     */
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

    /** Marks the components as the build's and makes sure a reaper watches that build. */
    static void claim(LocalStack stack, List<Component> components, ProcessHandle build) {
        for (Component component : components) {
            write(ownerFile(stack.home(), component.name()), String.valueOf(build.pid()));
        }
        if (stack.process(reaperName(build.pid())).isEmpty()) {
            startReaper(stack, build);
        }
    }

    /**
     * @return whether {@code build} started the component (its owner file names that
     * build)
     */
    static boolean ownedBy(StackHome home, Component component, Optional<ProcessHandle> build) {
        return build.isPresent() && read(ownerFile(home, component.name())).equals(String.valueOf(build.get().pid()));
    }

    /**
     * One reaper per build, so a second concurrent build never leaves the first one's
     * components behind.
     */
    static String reaperName(long buildPid) {
        return REAPER + "-" + buildPid;
    }

    private static void startReaper(LocalStack stack, ProcessHandle build) {
        StackHome home = stack.home();
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
            LocalStack.writePid(stack.pidFile(reaperName(build.pid())), reaper.toHandle());
        }
        catch (IOException ex) {
            throw new StackException("Cannot start the reaper that stops the build's servers: " + ex.getMessage(), ex);
        }
    }

    /**
     * The components whose owning build has ended: the reaper's own build's, and any a
     * crashed reaper left behind.
     */
    static List<Component> ownedByEndedBuilds(StackHome home) {
        return LocalStack.components().stream().filter(c -> {
            String owner = read(ownerFile(home, c.name()));
            return !owner.isEmpty() && ProcessHandle.of(Long.parseLong(owner)).map(p -> !p.isAlive()).orElse(true);
        }).toList();
    }

    static void release(StackHome home, List<Component> components) {
        components.forEach(c -> delete(ownerFile(home, c.name())));
    }

    /**
     * Detaches everything from any build (adopted by chatctl, or stopped) and ends every
     * reaper.
     */
    static void releaseAll(LocalStack stack) {
        release(stack.home(), LocalStack.components());
        try (var files = Files.list(stack.home().run())) {
            files.map(f -> f.getFileName().toString())
                .filter(name -> name.startsWith(REAPER + "-") && name.endsWith(".pid"))
                .map(name -> name.substring(0, name.length() - ".pid".length()))
                .forEach(name -> {
                    stack.process(name)
                        .filter(reaper -> reaper.pid() != ProcessHandle.current().pid())
                        .ifPresent(reaper -> LocalStack.terminate(reaper, java.time.Duration.ofSeconds(5)));
                    stack.deletePid(name);
                });
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Path ownerFile(StackHome home, String component) {
        return home.run().resolve(component + ".owner");
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file).trim() : "";
        }
        catch (IOException ex) {
            return "";
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content + "\n");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
