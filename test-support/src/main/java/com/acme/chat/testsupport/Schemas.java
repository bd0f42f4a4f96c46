package com.acme.chat.testsupport;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;

import static org.awaitility.Awaitility.await;

/**
 * Reads what really exists on the servers: tables of a session's keyspace, topics of the
 * Kafka cluster.
 */
public final class Schemas {

    private Schemas() {
    }

    /**
     * Table names of the session's keyspace, read from {@code system_schema.tables} with
     * a plain query (the driver's schema metadata depends on its control connection,
     * which may reconnect later than the request pool after a Cassandra restart). Retries
     * briefly for that reason too.
     */
    public static Set<String> tables(CqlSession session) {
        String keyspace = session.getKeyspace().orElseThrow().asInternal();
        return await().atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .until(() -> session
                .execute(SimpleStatement
                    .newInstance("SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", keyspace)
                    .setTimeout(Duration.ofSeconds(5)))
                .all()
                .stream()
                .map(row -> row.getString("table_name"))
                .collect(Collectors.toSet()), tables -> !tables.isEmpty());
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
