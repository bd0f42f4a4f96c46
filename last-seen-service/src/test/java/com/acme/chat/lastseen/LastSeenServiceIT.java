package com.acme.chat.lastseen;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.acme.chat.testsupport.CassandraServiceContract;
import com.acme.chat.testsupport.ChatIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@ChatIntegrationTest
class LastSeenServiceIT extends CassandraServiceContract {

    @Override
    protected List<String> readinessDependencies() {
        return List.of("cassandra", "kafka", "redis");
    }

    @Test
    void readinessFollowsRedis() {
        assertReadinessFollows("redis", "redis");
    }

    @Override
    protected String keyspace() {
        return "chat_lastseen";
    }

    @Override
    protected List<String> tables() {
        return List.of("last_seen");
    }

}
