package com.acme.chat.messaging.config;

import java.util.Map;
import java.util.concurrent.CompletionException;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.junit.jupiter.api.Test;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.kit.web.ChatException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class DependencyFailureAdviceTest {

    private final DependencyFailureAdvice advice = new DependencyFailureAdvice();

    @Test
    void cassandraBeingAwayIsServiceUnavailable() {
        assertCode(advice.handleDriver(new NoNodeAvailableException()), ErrorCode.SERVICE_UNAVAILABLE);
        assertCode(advice.handleDriver(new DriverTimeoutException("slow")), ErrorCode.SERVICE_UNAVAILABLE);
    }

    @Test
    void aJoinedAsyncCassandraFailureIsServiceUnavailable() {
        assertCode(advice.handleCompletion(new CompletionException(new DriverTimeoutException("slow"))),
                ErrorCode.SERVICE_UNAVAILABLE);
    }

    @Test
    void aJoinedDomainFailureKeepsItsCode() {
        assertCode(advice.handleCompletion(new CompletionException(new ChatException(ErrorCode.UNKNOWN_USER, "x"))),
                ErrorCode.UNKNOWN_USER);
    }

    @Test
    void anInvalidQueryIsAnInternalError() {
        assertCode(advice.handleDriver(new InvalidQueryException(mock(Node.class),
                "no such column")), ErrorCode.INTERNAL);
    }

    private static void assertCode(ResponseEntity<ProblemDetail> response, ErrorCode code) {
        assertThat(response.getStatusCode().value()).isEqualTo(code.httpStatus());
        Map<String, Object> properties = response.getBody().getProperties();
        assertThat(properties).containsEntry("code", code.code());
    }
}
