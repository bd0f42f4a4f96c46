package com.acme.chat.kit.tracing;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Names a CQL statement for its observation: span {@code INSERT messages}, tags
 * {@code db.operation.name}, {@code db.collection.name} and {@code lwt} (a conditional
 * write, i.e. a Paxos round). Only the statement's text is read, never its values, so
 * tags stay low-cardinality and carry no ids. The names of the (few, prepared) statement
 * texts are cached.
 */
final class CqlObservations {

    static final String NAME = "chat.cassandra.query";

    private static final int CACHE_LIMIT = 1024;

    private static final Pattern TABLE = Pattern.compile("\\b(?:FROM|INTO|UPDATE)\\s+(\"?[\\w.]+\"?)",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern CONDITION = Pattern.compile("\\sIF\\s", Pattern.CASE_INSENSITIVE);

    private static final CqlName UNKNOWN = new CqlName("OTHER", "-", false);

    private final Map<String, CqlName> names = new ConcurrentHashMap<>();

    private final ObservationRegistry registry;

    CqlObservations(ObservationRegistry registry) {
        this.registry = registry;
    }

    /**
     * @return a started observation of the statement
     */
    Observation start(Statement<?> statement) {
        CqlName name = nameOf(statement);
        return Observation.createNotStarted(NAME, registry)
            .contextualName(name.operation() + " " + name.table())
            .lowCardinalityKeyValues(KeyValues.of("db.system", "cassandra", "db.operation.name", name.operation(),
                    "db.collection.name", name.table(), "lwt", Boolean.toString(name.lwt())))
            .start();
    }

    static void stop(Observation observation, @Nullable Throwable failure) {
        if (failure != null) {
            observation.error(failure);
        }
        observation.lowCardinalityKeyValue("outcome", (failure == null) ? "success" : "error");
        observation.stop();
    }

    CqlName nameOf(Statement<?> statement) {
        if (statement instanceof BatchStatement batch) {
            for (BatchableStatement<?> inner : batch) {
                CqlName first = nameOf(inner);
                return new CqlName("BATCH", first.table(), first.lwt());
            }
            return new CqlName("BATCH", "-", false);
        }
        String query;
        if (statement instanceof BoundStatement bound) {
            query = bound.getPreparedStatement().getQuery();
        }
        else if (statement instanceof SimpleStatement simple) {
            query = simple.getQuery();
        }
        else {
            return UNKNOWN;
        }
        CqlName name = names.get(query);
        if (name == null) {
            name = parse(query);
            if (names.size() < CACHE_LIMIT) {
                names.put(query, name);
            }
        }
        return name;
    }

    static CqlName parse(String query) {
        String trimmed = query.stripLeading();
        int end = 0;
        while (end < trimmed.length() && Character.isLetter(trimmed.charAt(end))) {
            end++;
        }
        if (end == 0) {
            return UNKNOWN;
        }
        String operation = trimmed.substring(0, end).toUpperCase(Locale.ROOT);
        Matcher table = TABLE.matcher(trimmed);
        String collection = "-";
        if (table.find()) {
            String qualified = table.group(1).replace("\"", "");
            collection = qualified.substring(qualified.lastIndexOf('.') + 1);
        }
        boolean write = operation.equals("INSERT") || operation.equals("UPDATE") || operation.equals("DELETE");
        return new CqlName(operation, collection, write && CONDITION.matcher(trimmed).find());
    }

    /**
     * @param operation the CQL verb, e.g. {@code INSERT}
     * @param table the table without keyspace, {@code -} when there is none
     * @param lwt whether it is a conditional write ({@code IF ...})
     */
    record CqlName(String operation, String table, boolean lwt) {
    }

}
