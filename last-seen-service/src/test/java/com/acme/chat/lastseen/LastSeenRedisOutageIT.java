package com.acme.chat.lastseen;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.acme.chat.localstack.Component;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.PrivateServers;
import com.acme.chat.testsupport.Readiness;

/**
 * Readiness follows a Redis outage: DOWN while Redis is away, UP again once it is back,
 * without a restart. Runs against a private Redis ({@link PrivateServers}): stopping it
 * disturbs no other test and no running stack.
 */
@ChatIntegrationTest
@DirtiesContext
@Timeout(300)
class LastSeenRedisOutageIT {

    private static Component privateRedis;

    @DynamicPropertySource
    static void privateRedis(DynamicPropertyRegistry registry) {
        privateRedis = PrivateServers.redis(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void readinessFollowsARedisOutage() {
        Readiness.assertFollowsOutage("http://127.0.0.1:" + port, privateRedis, "redis");
    }

}
