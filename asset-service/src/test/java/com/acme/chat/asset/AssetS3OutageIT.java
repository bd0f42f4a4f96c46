package com.acme.chat.asset;

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
 * Readiness follows an outage of the object store: DOWN while it is away, UP again once
 * it is back, without a restart. Runs against a private S3 store
 * ({@link PrivateServers}): stopping it disturbs no other test and no running stack.
 */
@ChatIntegrationTest
@DirtiesContext
@Timeout(300)
class AssetS3OutageIT {

    private static Component privateS3;

    @DynamicPropertySource
    static void privateS3(DynamicPropertyRegistry registry) {
        privateS3 = PrivateServers.s3(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void readinessFollowsAnObjectStoreOutage() {
        Readiness.assertFollowsOutage("http://127.0.0.1:" + port, privateS3, "s3");
    }

}
