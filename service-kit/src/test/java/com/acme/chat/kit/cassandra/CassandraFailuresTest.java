package com.acme.chat.kit.cassandra;

import java.util.concurrent.CompletionException;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.SyntaxError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class CassandraFailuresTest {

    @Test
    void aNodeBeingAwayOrSlowIsTransient() {
        NoNodeAvailableException noNode = new NoNodeAvailableException();
        DriverTimeoutException timeout = new DriverTimeoutException("slow");

        assertThat(CassandraFailures.transientCause(noNode)).isSameAs(noNode);
        assertThat(CassandraFailures.transientCause(timeout)).isSameAs(timeout);
    }

    @Test
    void aBadQueryIsNotTransient() {
        assertThat(CassandraFailures.transientCause(new InvalidQueryException(mock(Node.class), "no such column")))
            .isNull();
        assertThat(CassandraFailures.transientCause(new SyntaxError(mock(Node.class), "line 1"))).isNull();
    }

    @Test
    void findsATransientFailureInsideWrappers() {
        DriverTimeoutException timeout = new DriverTimeoutException("slow");

        assertThat(CassandraFailures.transientCause(new CompletionException(timeout))).isSameAs(timeout);
        assertThat(CassandraFailures
            .transientCause(new IllegalStateException("listener failed", new CompletionException(timeout))))
            .isSameAs(timeout);
    }

    @Test
    void aWrappedBadQueryIsNotTransient() {
        assertThat(CassandraFailures
            .transientCause(new CompletionException(new InvalidQueryException(mock(Node.class), "no such column"))))
            .isNull();
    }

    @Test
    void aFailureWithoutTheDriverIsNotTransient() {
        assertThat(CassandraFailures.transientCause(new IllegalStateException("bug"))).isNull();
        assertThat(CassandraFailures.transientCause(new CompletionException(new IllegalArgumentException("bad"))))
            .isNull();
        assertThat(CassandraFailures.transientCause(null)).isNull();
    }

}
