package com.acme.chat.testsupport;

import java.util.List;

import com.datastax.oss.driver.api.core.CqlSession;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ServiceContract} for a service that owns a keyspace: it also promises that its
 * startup step created its tables in its own keyspace (docs/adr/0007).
 */
public abstract class CassandraServiceContract extends ServiceContract {

    @Autowired
    protected CqlSession session;

    /** The keyspace the service's session is bound to, e.g. {@code chat_messaging}. */
    protected abstract String keyspace();

    /** Tables the service's schema step must have created in {@link #keyspace()}. */
    protected abstract List<String> tables();

    @Test
    void createsItsTablesInItsOwnKeyspace() {
        assertThat(session.getKeyspace()).hasValueSatisfying(ks -> assertThat(ks.asInternal()).isEqualTo(keyspace()));
        assertThat(Schemas.tables(session)).containsAll(tables());
    }

}
