package com.acme.chat.testsupport;

import java.util.Set;
import java.util.stream.Collectors;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Reads what really exists on the servers: tables of a session's keyspace, topics of the Kafka cluster. */
public final class Schemas {

    private Schemas() {
    }

    /** Table names of the session's keyspace, as Cassandra's schema metadata reports them. */
    public static Set<String> tables(CqlSession session) {
        CqlIdentifier keyspace = session.getKeyspace().orElseThrow();
        session.refreshSchema();
        return session.getMetadata()
            .getKeyspace(keyspace)
            .orElseThrow()
            .getTables()
            .keySet()
            .stream()
            .map(CqlIdentifier::asInternal)
            .collect(Collectors.toSet());
    }

    public static Set<String> topics() {
        try (AdminClient admin = AdminClient
            .create(java.util.Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalServers.kafkaBootstrap()))) {
            return admin.listTopics().names().get();
        }
        catch (Exception ex) {
            throw new IllegalStateException("Cannot list Kafka topics", ex);
        }
    }
}
