package com.acme.chat.testsupport;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import com.acme.chat.localstack.LocalStack;

/**
 * Stops the private server instances ({@link PrivateServers}) when a JVM's tests end, so
 * a private Cassandra or Kafka does not hold memory and CPU through the rest of the
 * build. Registered with the JUnit Platform through {@code META-INF/services}; does
 * nothing in a JVM that started none.
 */
public final class PrivateServersCleanup implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (!PrivateServers.startedHere()) {
            return;
        }
        LocalStack stack = LocalServers.stack();
        PrivateServers.all().forEach(stack::stop);
    }

}
