package com.acme.chat.lastseen;

import java.util.List;

import com.acme.chat.testsupport.CassandraServiceContract;
import com.acme.chat.testsupport.ChatIntegrationTest;

@ChatIntegrationTest
class LastSeenServiceIT extends CassandraServiceContract {

    @Override
    protected List<String> readinessDependencies() {
        return List.of("cassandra", "kafka", "redis");
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
