package com.acme.chat.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The Java half of {@code ./chatctl} (the shell script checks Java and builds what is
 * missing, then calls this). Exit codes: 0 success, 1 a component failed, 2 usage, 3
 * status found something not UP.
 */
public final class ChatCtl {

    private final LocalStack stack;

    ChatCtl(LocalStack stack) {
        this.stack = stack;
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        ChatCtl ctl = new ChatCtl(LocalStack.locate(System.out::println));
        try {
            System.exit(ctl.run(args[0], List.of(args).subList(1, args.length)));
        }
        catch (StackException ex) {
            System.err.println();
            System.err.println("ERROR: " + ex.getMessage());
            System.exit(1);
        }
    }

    int run(String command, List<String> args) {
        switch (command) {
            case "up":
                return up(!args.contains("--servers-only"));
            case "down":
                return down();
            case "status":
                return status();
            case "start":
                stack.start(LocalStack.component(single(args)));
                return 0;
            case "stop":
                stack.stop(LocalStack.component(single(args)));
                return 0;
            case "trace":
                return new TraceView(stack.home().logs()).run(args, System.out);
            default:
                usage();
                return 2;
        }
    }

    private static String single(List<String> args) {
        if (args.size() != 1) {
            throw new StackException("expected exactly one component name");
        }
        return args.get(0);
    }

    int up(boolean withServices) {
        Instant begin = Instant.now();
        // Shared servers a build started become ours: the build's end must no longer stop
        // them. What only tests
        // use (private server instances, the tests' own services) stays the build's, and
        // its reaper stays.
        stack.locked(() -> {
            BuildOwner.release(stack.home(),
                    LocalStack.components().stream().filter(LocalStack::isStackComponent).toList());
            return null;
        });
        System.out.println("Starting servers (data in " + stack.home().root().relativize(stack.home().base())
                + "/, logs in " + stack.home().root().relativize(stack.home().logs()) + "/)");
        stack.startServers();
        if (withServices) {
            System.out.println("Starting services");
            stack.startServices();
        }
        System.out.printf("%nAll up in %.1f s.%n%n", Duration.between(begin, Instant.now()).toMillis() / 1000.0);
        printEndpoints(withServices);
        return 0;
    }

    private void printEndpoints(boolean withServices) {
        if (withServices) {
            System.out.println("  WebSocket      ws://127.0.0.1:8080/ws");
            System.out.println("  REST base      http://127.0.0.1:8081/api/v1   (messaging; see docs/protocol.md)");
            System.out.println();
        }
        status();
        System.out.println();
        System.out.println("./chatctl logs <name> shows a log, ./chatctl down stops everything.");
    }

    int down() {
        System.out.println("Stopping the stack");
        stack.stopAll();
        System.out.println("Stopped.");
        return 0;
    }

    int status() {
        boolean allUp = true;
        long totalRss = 0;
        System.out.printf("  %-20s %-36s %-10s %8s %9s%n", "NAME", "ADDRESS", "STATE", "PID", "RSS");
        for (Component component : LocalStack.components()) {
            LocalStack.State state = stack.state(component);
            if (!LocalStack.isStackComponent(component) && state == LocalStack.State.DOWN) {
                // Private servers and the tests' services exist only while a build runs.
                continue;
            }
            Optional<ProcessHandle> process = stack.process(component);
            long rss = process.map(p -> rssKb(p.pid())).orElse(0L);
            totalRss += rss;
            allUp &= !LocalStack.isStackComponent(component) || state == LocalStack.State.UP;
            System.out.printf("  %-20s %-36s %-10s %8s %9s%n", component.name(), component.address(), state,
                    process.map(p -> String.valueOf(p.pid())).orElse("-"), rss > 0 ? (rss / 1024) + " MB" : "-");
        }
        System.out.printf("  %-20s %-36s %-10s %8s %9s%n", "total", "", "", "", (totalRss / 1024) + " MB");
        return allUp ? 0 : 3;
    }

    /** Resident set size from /proc (Linux); 0 where unavailable. */
    static long rssKb(long pid) {
        Path status = Path.of("/proc", String.valueOf(pid), "status");
        try {
            return Files.readAllLines(status)
                .stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst()
                .orElse(0L);
        }
        catch (IOException | RuntimeException ex) {
            return 0L;
        }
    }

    private static void usage() {
        System.err.println(
                "usage: chatctl up [--servers-only] [--bind ADDRESS] | down | status | logs <name> [-f] | start <name> | stop <name>"
                        + " | trace [traceId]");
        System.err.println(
                "components: " + String.join(", ", LocalStack.components().stream().map(Component::name).toList()));
    }

}
