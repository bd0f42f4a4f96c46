package com.acme.chat.testsupport;

import com.acme.chat.localstack.LocalStack;
import com.acme.chat.localstack.TestNamespaces;

/**
 * The namespace this test JVM works in ({@code chat.namespace}, see
 * {@link com.acme.chat.common.namespace.ChatNamespace}): a fresh one per run, so every
 * topic, consumer group, keyspace, Redis key and bucket a test sees was created by this
 * run, and a {@code ./chatctl up} stack on the same servers (no namespace) neither sees
 * the tests' data nor shows its own to them.
 * <p>
 * Taking the namespace first deletes what ended runs left on the shared servers (a run's
 * data stays until the next run starts: its Spring contexts live until the JVM exits, so
 * it cannot be deleted earlier without pulling it from under them), then checks that
 * nothing exists under the new one yet. The namespace is published as the system property
 * {@code chat.namespace}, which every Spring context of the JVM reads.
 */
public final class TestNamespace {

    private static volatile String current;

    private TestNamespace() {
    }

    /**
     * @return this JVM's namespace, taken on the first call (the shared servers must run)
     */
    public static String current() {
        String namespace = current;
        if (namespace == null) {
            synchronized (TestNamespace.class) {
                namespace = current;
                if (namespace == null) {
                    namespace = take(LocalServers.stack());
                    System.setProperty("chat.namespace", namespace);
                    current = namespace;
                }
            }
        }
        return namespace;
    }

    private static String take(LocalStack stack) {
        try (NamespaceData data = NamespaceData.onSharedServers()) {
            int purged = data.purgeEnded(stack.home());
            if (purged > 0) {
                System.out.println("[local-stack] deleted the data of " + purged + " ended test run(s)");
            }
            String namespace = TestNamespaces.allocate(stack.home());
            data.assertNothingUnder(namespace);
            System.out.println("[local-stack] this test run works in namespace " + namespace);
            return namespace;
        }
    }

}
