package com.acme.chat.testsupport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.acme.chat.localstack.Component;
import com.acme.chat.localstack.LocalStack;
import com.acme.chat.localstack.Services;

/**
 * Extra messaging-service processes for the ownership fault tests (ADR 0014): real JVMs
 * from the built jar, in this run's namespace, sharing a lease group of their own, with
 * short leases. A test pauses ({@code SIGSTOP}), resumes, kills ({@code SIGKILL}) and
 * restarts them; whatever still runs is stopped by {@link #close()} (and by the build's
 * end otherwise).
 */
public final class MessagingInstances implements AutoCloseable {

    /** The first fault-test instance listens here, the next one on the next port. */
    public static final int BASE_PORT = 28090;

    private final LocalStack stack = LocalServers.stack();

    private final String group = "fault-" + UUID.randomUUID().toString().substring(0, 8);

    private final List<Instance> instances = new ArrayList<>();

    /** One instance: its name, port and process. */
    public final class Instance {

        private final Services.Service service;

        private Instance(Services.Service service) {
            this.service = service;
        }

        public String url() {
            return service.address();
        }

        public String name() {
            return service.name();
        }

        /** Starts it (again) and waits until it is ready. */
        public Instance start() {
            stack.startForBuild(List.of(service));
            return this;
        }

        /** {@code SIGSTOP}: the JVM stops dead, as in a long GC pause or a frozen VM. */
        public void pause() {
            signal("STOP");
        }

        /** {@code SIGCONT}: it carries on where it stopped. */
        public void resume() {
            signal("CONT");
        }

        /** {@code SIGKILL}: no shutdown hook, no lease released. */
        public void kill() {
            ProcessHandle process = stack.process(service).orElseThrow();
            process.destroyForcibly();
            process.onExit().join();
            stack.stop(service);
        }

        public void stop() {
            resume();
            stack.stop(service);
        }

        private void signal(String signal) {
            stack.process(service).ifPresent(process -> {
                try {
                    int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO()
                        .start()
                        .waitFor();
                    if (exit != 0) {
                        throw new IllegalStateException("kill -" + signal + " " + process.pid() + " exited " + exit);
                    }
                }
                catch (IOException ex) {
                    throw new IllegalStateException("kill -" + signal + " failed", ex);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", ex);
                }
            });
        }

    }

    /**
     * @param count how many instances this test needs (none is started yet)
     */
    public MessagingInstances(int count) {
        this(count, List.of());
    }

    /**
     * @param count how many instances this test needs (none is started yet)
     * @param extraArgs more command-line properties for every instance
     */
    public MessagingInstances(int count, List<String> extraArgs) {
        this(count, TestNamespace.current(), extraArgs);
    }

    /**
     * Instances in a namespace of their own (keyspace, topics, consumer groups), for a
     * test that must be the only writer of what it reads, e.g. a group's stream, which
     * every messaging instance of a namespace appends to when it consumes the group's
     * changes.
     * @param count how many instances this test needs (none is started yet)
     * @param namespace their {@code chat.namespace}
     * @param extraArgs more command-line properties for every instance
     */
    public MessagingInstances(int count, String namespace, List<String> extraArgs) {
        for (int i = 0; i < count; i++) {
            instances.add(new Instance(Services.messagingForFaultTests(namespace, Character.toString('a' + i),
                    BASE_PORT + i, group, extraArgs)));
        }
    }

    public Instance get(int index) {
        return instances.get(index);
    }

    public List<Instance> all() {
        return List.copyOf(instances);
    }

    /** Starts every instance at the same time: they race for the same free shards. */
    public void startAllAtOnce() {
        List<Component> services = instances.stream().map(instance -> (Component) instance.service).toList();
        stack.startForBuild(services);
    }

    @Override
    public void close() {
        for (Instance instance : instances) {
            instance.stop();
        }
    }

}
