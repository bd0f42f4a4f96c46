package com.acme.chat.lastseen;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.OutageContract;
import com.acme.chat.testsupport.PrivateServers;

/** last-seen follows a Redis outage. */
@ChatIntegrationTest
class LastSeenRedisOutageIT extends OutageContract {

    @DynamicPropertySource
    static void privateRedis(DynamicPropertyRegistry registry) {
        PrivateServers.redis(registry);
    }

    @Override
    protected String server() {
        return "redis";
    }

}
