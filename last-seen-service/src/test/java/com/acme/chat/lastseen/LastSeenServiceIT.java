package com.acme.chat.lastseen;

import java.util.List;

import com.datastax.oss.driver.api.core.CqlSession;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.Schemas;
import com.acme.chat.testsupport.ServiceContract;

import static org.assertj.core.api.Assertions.assertThat;

@ChatIntegrationTest
class LastSeenServiceIT extends ServiceContract {

    @Autowired
    CqlSession session;

    @Override
    protected List<String> readinessDependencies() {
        return List.of("cassandra", "kafka", "redis");
    }

    @Test
    void readinessFollowsRedis() {
        assertReadinessFollows("redis", "redis");
    }

    @Test
    void createsItsTablesInItsOwnKeyspace() {
        assertThat(session.getKeyspace()).hasValueSatisfying(ks -> assertThat(ks.asInternal()).isEqualTo("chat_lastseen"));
        assertThat(Schemas.tables(session)).contains("last_seen");
    }
}
