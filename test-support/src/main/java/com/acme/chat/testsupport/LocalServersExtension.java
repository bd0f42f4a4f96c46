package com.acme.chat.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.acme.chat.localstack.LocalStack;

/**
 * Makes sure the real Kafka, Cassandra, Redis and S3 servers run before the Spring
 * context starts: reuses a stack that {@code ./chatctl up} or an earlier module already
 * started, otherwise starts one that lives until the Maven build ends. Never skips: if
 * the servers cannot start, the test fails with the launcher's explanation.
 */
public final class LocalServersExtension implements BeforeAllCallback {

    private static volatile boolean ensured;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!ensured) {
            synchronized (LocalServersExtension.class) {
                if (!ensured) {
                    LocalServers.stack().ensureServersForBuild();
                    TestNamespace.current();
                    ensured = true;
                }
            }
        }
    }

}
