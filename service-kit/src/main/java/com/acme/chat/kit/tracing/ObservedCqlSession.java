package com.acme.chat.kit.tracing;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.context.DriverContext;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.metadata.Metadata;
import com.datastax.oss.driver.api.core.metrics.Metrics;
import com.datastax.oss.driver.api.core.session.Request;
import com.datastax.oss.driver.api.core.type.reflect.GenericType;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CqlSession} whose statements ({@code execute}, {@code executeAsync}) are
 * observed: a span per statement, child of whatever is current on the calling thread (a
 * request, a Kafka record), and the timer {@code chat.cassandra.query}. Everything else
 * (prepare, metadata, close) goes straight to the driver's session. Every statement
 * method of {@link CqlSession} funnels into {@link #execute(Request, GenericType)}, so
 * that is the one method that needs wrapping.
 */
final class ObservedCqlSession implements CqlSession {

    private final CqlSession delegate;

    private final CqlObservations observations;

    ObservedCqlSession(CqlSession delegate, CqlObservations observations) {
        this.delegate = delegate;
        this.observations = observations;
    }

    CqlSession delegate() {
        return delegate;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <RequestT extends Request, ResultT> @Nullable ResultT execute(RequestT request,
            GenericType<ResultT> resultType) {
        if (!(request instanceof Statement<?> statement)) {
            return delegate.execute(request, resultType);
        }
        if (resultType.equals(Statement.SYNC)) {
            Observation observation = observations.start(statement);
            try {
                ResultT result = delegate.execute(request, resultType);
                CqlObservations.stop(observation, null);
                return result;
            }
            catch (RuntimeException ex) {
                CqlObservations.stop(observation, ex);
                throw ex;
            }
        }
        if (resultType.equals(Statement.ASYNC)) {
            Observation observation = observations.start(statement);
            CompletionStage<AsyncResultSet> result;
            try {
                result = (CompletionStage<AsyncResultSet>) delegate.execute(request, resultType);
            }
            catch (RuntimeException ex) {
                CqlObservations.stop(observation, ex);
                throw ex;
            }
            // A side branch: the caller gets the driver's own stage, with its exceptions
            // unwrapped.
            result.whenComplete((rows, failure) -> CqlObservations.stop(observation, failure));
            return (ResultT) result;
        }
        return delegate.execute(request, resultType);
    }

    @Override
    public String getName() {
        return delegate.getName();
    }

    @Override
    public Metadata getMetadata() {
        return delegate.getMetadata();
    }

    @Override
    public boolean isSchemaMetadataEnabled() {
        return delegate.isSchemaMetadataEnabled();
    }

    @Override
    public CompletionStage<Metadata> setSchemaMetadataEnabled(@Nullable Boolean newValue) {
        return delegate.setSchemaMetadataEnabled(newValue);
    }

    @Override
    public CompletionStage<Metadata> refreshSchemaAsync() {
        return delegate.refreshSchemaAsync();
    }

    @Override
    public CompletionStage<Boolean> checkSchemaAgreementAsync() {
        return delegate.checkSchemaAgreementAsync();
    }

    @Override
    public DriverContext getContext() {
        return delegate.getContext();
    }

    @Override
    public Optional<CqlIdentifier> getKeyspace() {
        return delegate.getKeyspace();
    }

    @Override
    public Optional<Metrics> getMetrics() {
        return delegate.getMetrics();
    }

    @Override
    public CompletionStage<Void> closeFuture() {
        return delegate.closeFuture();
    }

    @Override
    public CompletionStage<Void> closeAsync() {
        return delegate.closeAsync();
    }

    @Override
    public CompletionStage<Void> forceCloseAsync() {
        return delegate.forceCloseAsync();
    }

}
