package com.acme.chat.kit.cassandra;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code chat.cassandra.*}: how the service's keyspace is created and how fast the driver
 * reconnects. The keyspace name itself is Boot's {@code spring.cassandra.keyspace-name}.
 *
 * @param replication the CQL replication map for {@code CREATE KEYSPACE}; production
 * overrides it with {@code NetworkTopologyStrategy} and RF 3
 * @param schemaLocation CQL file with the service's {@code CREATE TABLE IF NOT EXISTS}
 * statements
 * @param schemaTimeout per-statement timeout for DDL (a fresh node can take far longer
 * than the 2 s default)
 * @param reconnectMaxDelay upper bound of the driver's reconnection back-off, so
 * readiness recovers quickly
 */
@ConfigurationProperties("chat.cassandra")
@Validated
public record ChatCassandraProperties(
        @DefaultValue("{'class': 'SimpleStrategy', 'replication_factor': 1}") @NotBlank String replication,
        @DefaultValue("classpath:cassandra/schema.cql") @NotBlank String schemaLocation,
        @DefaultValue("30s") @NotNull Duration schemaTimeout, @DefaultValue("5s") @NotNull Duration reconnectMaxDelay) {
}
