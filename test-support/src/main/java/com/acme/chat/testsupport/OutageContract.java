package com.acme.chat.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import com.acme.chat.localstack.Servers;

/**
 * What a service promises ops about an outage of one of the servers it depends on:
 * readiness goes DOWN while the server is away (liveness stays UP) and comes back UP
 * without a restart. The outage is real: a private instance of the server
 * ({@link PrivateServers}) is stopped and started again, so no other test and no running
 * stack is disturbed.
 * <p>
 * A subclass is annotated {@link ChatIntegrationTest}, points its context at the private
 * instance from a {@code @DynamicPropertySource} method (e.g.
 * {@code PrivateServers.cassandra(registry)}) and names the server in {@link #server()}.
 * The context talks to that instance only, so it is closed with the class.
 */
@DirtiesContext
@Timeout(300)
public abstract class OutageContract {

    @LocalServerPort
    protected int port;

    /**
     * @return the server whose outage readiness must follow, also the name of its
     * readiness component: {@code redis}, {@code s3}, {@code cassandra} or {@code kafka}
     */
    protected abstract String server();

    @Test
    void readinessFollowsAnOutageOfItsServer() {
        Readiness.assertFollowsOutage("http://127.0.0.1:" + port, Servers.privateInstance(server()), server());
    }

}
