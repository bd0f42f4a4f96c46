package com.acme.chat.kit.cassandra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.Resource;

/**
 * A service's schema: the statements of its {@code schema.cql}, applied in order. Every
 * statement must be idempotent ({@code IF NOT EXISTS}), because the step runs at every
 * start of every replica.
 */
public final class CassandraSchema {

    private static final Logger log = LoggerFactory.getLogger(CassandraSchema.class);

    private final List<String> statements;

    CassandraSchema(List<String> statements) {
        this.statements = List.copyOf(statements);
    }

    public static CassandraSchema load(Resource resource) {
        try {
            return parse(resource.getContentAsString(StandardCharsets.UTF_8));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the Cassandra schema " + resource, ex);
        }
    }

    /**
     * Splits CQL text into statements: drops {@code --} and {@code //} line comments,
     * splits on {@code ;}.
     */
    static CassandraSchema parse(String cql) {
        StringBuilder text = new StringBuilder();
        for (String line : cql.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("--") && !trimmed.startsWith("//")) {
                text.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String statement : text.toString().split(";")) {
            String normalized = statement.strip().replaceAll("\\s+", " ");
            if (!normalized.isEmpty()) {
                statements.add(normalized);
            }
        }
        return new CassandraSchema(statements);
    }

    public List<String> statements() {
        return statements;
    }

    void apply(CqlSession session, Duration timeout) {
        for (String statement : statements) {
            session.execute(SimpleStatement.newInstance(statement).setTimeout(timeout));
        }
        session.checkSchemaAgreement();
        log.info("Cassandra schema applied: {} statements in keyspace {}", statements.size(),
                session.getKeyspace().map(Object::toString).orElse("-"));
    }

}
