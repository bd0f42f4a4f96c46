package com.acme.chat.kit.cassandra;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.cassandra.autoconfigure.CassandraProperties;
import org.springframework.boot.cassandra.autoconfigure.DriverConfigLoaderBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

import com.acme.chat.common.namespace.ChatNamespace;
import com.acme.chat.kit.namespace.NamespaceAutoConfiguration;

/**
 * Replaces Boot's {@code CqlSession} with one whose keyspace and tables exist before
 * anything uses it: a keyspace-less session creates the keyspace, then the real session
 * applies the service's {@code schema.cql}. Boot's Cassandra health indicator then
 * reports the node state, and the driver reconnects within
 * {@code chat.cassandra.reconnect-max-delay} once Cassandra returns. The keyspace is
 * {@code spring.cassandra.keyspace-name} under the deployment's {@link ChatNamespace}
 * (unchanged without one).
 */
@AutoConfiguration(after = NamespaceAutoConfiguration.class,
        beforeName = "org.springframework.boot.cassandra.autoconfigure.CassandraAutoConfiguration")
// Boot's Cassandra module, not only the driver: a test classpath may carry a bare driver.
@ConditionalOnClass({ CqlSession.class, CassandraProperties.class })
@EnableConfigurationProperties(ChatCassandraProperties.class)
public class CassandraKitAutoConfiguration {

    @Bean
    DriverConfigLoaderBuilderCustomizer chatReconnectionPolicy(ChatCassandraProperties properties) {
        return builder -> builder
            .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, java.time.Duration.ofMillis(500))
            .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, properties.reconnectMaxDelay());
    }

    @Bean(destroyMethod = "close")
    CqlSession cassandraSession(ObjectProvider<CqlSessionBuilder> builders, CassandraProperties cassandra,
            ChatCassandraProperties properties, ChatNamespace namespace, ResourceLoader resources) {
        String configured = cassandra.getKeyspaceName();
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("spring.cassandra.keyspace-name must name the service's keyspace");
        }
        String keyspace = namespace.keyspace(configured);
        try (CqlSession admin = builders.getObject().withKeyspace((CqlIdentifier) null).build()) {
            admin.execute(SimpleStatement
                .newInstance("CREATE KEYSPACE IF NOT EXISTS " + CqlIdentifier.fromInternal(keyspace).asCql(true)
                        + " WITH replication = " + properties.replication())
                .setTimeout(properties.schemaTimeout()));
            admin.checkSchemaAgreement();
        }
        CqlSession session = builders.getObject().withKeyspace(CqlIdentifier.fromInternal(keyspace)).build();
        try {
            CassandraSchema.load(resources.getResource(properties.schemaLocation()))
                .apply(session, properties.schemaTimeout());
            return session;
        }
        catch (RuntimeException ex) {
            session.close();
            throw ex;
        }
    }

}
