package com.acme.chat.testsupport;

import java.util.List;

import com.datastax.oss.driver.api.core.CqlSession;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ServiceContract} for a service that owns a keyspace: it also promises that its
 * startup step created its tables in its own keyspace (docs/adr/0007). The keyspace lives
 * in this run's fresh {@link TestNamespace}, so the tables found were created by this
 * run, not left by an earlier build.
 */
public abstract class CassandraServiceContract extends ServiceContract {

    @Autowired
    protected CqlSession session;

    /**
     * The keyspace the service is configured with, without namespace, e.g.
     * {@code chat_messaging}.
     */
    protected abstract String keyspace();

    /** Tables the service's schema step must have created in {@link #keyspace()}. */
    protected abstract List<String> tables();

    @Test
    void createsItsTablesInItsOwnKeyspace() {
        assertThat(namespace.prefix()).isEqualTo(TestNamespace.current());
        String keyspace = namespace.keyspace(keyspace());
        assertThat(keyspace).isEqualTo(TestNamespace.current() + "_" + keyspace());
        assertThat(session.getKeyspace()).hasValueSatisfying(ks -> assertThat(ks.asInternal()).isEqualTo(keyspace));
        assertThat(Schemas.tables(session)).containsAll(tables());
    }

}
