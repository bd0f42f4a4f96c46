package com.acme.chat.kit.tracing;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import com.acme.chat.kit.tracing.CqlObservations.CqlName;
import com.acme.chat.testsupport.RecordedSpans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class CqlObservationsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void namesStatementsByVerbAndTableOnly() {
        assertThat(CqlObservations.parse("INSERT INTO messages (a, b) VALUES (?, ?) IF NOT EXISTS"))
            .isEqualTo(new CqlName("INSERT", "messages", true));
        assertThat(CqlObservations.parse("  select seq from chat_messaging.conversation_seq where id = ?"))
            .isEqualTo(new CqlName("SELECT", "conversation_seq", false));
        assertThat(CqlObservations.parse("UPDATE \"receipt_marks\" USING TIMESTAMP ? SET up_to_seq = ? WHERE x = ?"))
            .isEqualTo(new CqlName("UPDATE", "receipt_marks", false));
        assertThat(CqlObservations.parse("UPDATE message_by_client_id SET a = ? WHERE b = ? IF claimed_at = ?"))
            .isEqualTo(new CqlName("UPDATE", "message_by_client_id", true));
        assertThat(CqlObservations.parse("DELETE FROM unsent_messages WHERE r = ?"))
            .isEqualTo(new CqlName("DELETE", "unsent_messages", false));
        assertThat(CqlObservations.parse("CREATE TABLE IF NOT EXISTS users (id text PRIMARY KEY)"))
            .isEqualTo(new CqlName("CREATE", "-", false));
        assertThat(CqlObservations.parse("  ")).isEqualTo(new CqlName("OTHER", "-", false));
    }

    @Test
    void everyStatementIsASpanUnderTheCallersSpan() {
        KitTracing.context()
            .withBean("cassandraSession", CqlSession.class, CqlObservationsTest::driverSession)
            .run(context -> {
                CqlSession session = context.getBean(CqlSession.class);
                RecordedSpans spans = context.getBean(RecordedSpans.class);
                assertThat(session).isInstanceOf(ObservedCqlSession.class);

                Observation request = Observation.start("test.request", context.getBean(ObservationRegistry.class));
                try (Observation.Scope scope = request.openScope()) {
                    session.execute("SELECT * FROM users WHERE user_id = 'bob'");
                    session.executeAsync(SimpleStatement.newInstance("INSERT INTO users (user_id) VALUES (?)", "bob"))
                        .toCompletableFuture()
                        .join();
                    assertThatThrownBy(() -> session.execute("UPDATE users SET a = 1 WHERE user_id = 'x' IF a = 0"))
                        .isInstanceOf(WriteTimeoutException.class);
                }
                finally {
                    request.stop();
                }

                SpanData parent = spans.awaitSpan(span -> span.getName().equals("test.request"), WAIT);
                assertThat(spans.ofTrace(parent.getTraceId())).extracting(SpanData::getName)
                    .containsExactlyInAnyOrder("SELECT users", "INSERT users", "UPDATE users", "test.request");
                SpanData update = spans.awaitSpan(span -> span.getName().equals("UPDATE users"), WAIT);
                assertThat(update.getParentSpanId()).isEqualTo(parent.getSpanId());
                assertThat(update.getAttributes().get(AttributeKey.stringKey("lwt"))).isEqualTo("true");
                assertThat(update.getAttributes().get(AttributeKey.stringKey("outcome"))).isEqualTo("error");
                assertThat(update.getAttributes().get(AttributeKey.stringKey("db.collection.name"))).isEqualTo("users");
            });
    }

    @Test
    void asyncCallersGetTheDriversOwnStage() {
        CqlSession driver = driverSession();
        CqlSession observed = new ObservedCqlSession(driver, new CqlObservations(ObservationRegistry.create()));
        SimpleStatement statement = SimpleStatement.newInstance("SELECT * FROM users");

        CompletionStage<AsyncResultSet> stage = observed.executeAsync(statement);

        assertThat(stage).isSameAs(ASYNC_RESULT);
    }

    private static final CompletableFuture<AsyncResultSet> ASYNC_RESULT = CompletableFuture
        .completedFuture(mock(AsyncResultSet.class));

    /**
     * A driver session that answers every statement, and times out on conditional
     * updates.
     */
    private static CqlSession driverSession() {
        CqlSession session = mock(CqlSession.class);
        given(session.execute(any(Statement.class), eq(Statement.SYNC))).willAnswer(invocation -> {
            SimpleStatement statement = invocation.getArgument(0);
            if (statement.getQuery().contains(" IF ")) {
                throw new WriteTimeoutException(null, com.datastax.oss.driver.api.core.DefaultConsistencyLevel.SERIAL,
                        0, 1, com.datastax.oss.driver.api.core.servererrors.WriteType.CAS);
            }
            return mock(ResultSet.class);
        });
        given(session.execute(any(Statement.class), eq(Statement.ASYNC))).willReturn(ASYNC_RESULT);
        return session;
    }

}
