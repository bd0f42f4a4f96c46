package com.acme.chat.kit.cassandra;

import java.util.concurrent.CompletionException;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.junit.jupiter.api.Test;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.kit.web.ApiExceptionHandler;
import com.acme.chat.kit.web.ChatException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class CassandraFailureAdviceTest {

    private final FailingController controller = new FailingController();

    // The kit's catch-all handler is registered first: the advice must still win by its
    // order.
    private final MockMvcTester mvc = MockMvcTester.create(MockMvcBuilders.standaloneSetup(controller)
        .setControllerAdvice(new ApiExceptionHandler(), new CassandraFailureAdvice())
        .build());

    private final CassandraFailureAdvice advice = new CassandraFailureAdvice();

    @Test
    void cassandraBeingAwayIsServiceUnavailable() {
        controller.failure = new NoNodeAvailableException();

        assertProblem(mvc.get().uri("/fail").exchange(), ErrorCode.SERVICE_UNAVAILABLE);
    }

    @Test
    void aJoinedAsyncCassandraFailureIsServiceUnavailable() {
        controller.failure = new CompletionException(new DriverTimeoutException("slow"));

        assertProblem(mvc.get().uri("/fail").exchange(), ErrorCode.SERVICE_UNAVAILABLE);
    }

    @Test
    void anInvalidQueryIsAnInternalError() {
        controller.failure = new InvalidQueryException(mock(Node.class), "no such column");

        assertProblem(mvc.get().uri("/fail").exchange(), ErrorCode.INTERNAL);
    }

    @Test
    void aJoinedDomainFailureKeepsItsCode() {
        controller.failure = new CompletionException(new ChatException(ErrorCode.UNKNOWN_USER, "who"));

        assertProblem(mvc.get().uri("/fail").exchange(), ErrorCode.UNKNOWN_USER);
    }

    @Test
    void otherFailuresStillReachTheKitHandler() {
        controller.failure = new ChatException(ErrorCode.UNKNOWN_USER, "who");
        assertProblem(mvc.get().uri("/fail").exchange(), ErrorCode.UNKNOWN_USER);

        controller.failure = new IllegalStateException("bug");
        assertProblem(mvc.get().uri("/fail").exchange(), ErrorCode.INTERNAL);
    }

    @Test
    void handlesDriverFailuresDirectly() {
        assertCode(advice.handleDriver(new DriverTimeoutException("slow")), ErrorCode.SERVICE_UNAVAILABLE);
        assertCode(advice.handleDriver(new InvalidQueryException(mock(Node.class), "no such column")),
                ErrorCode.INTERNAL);
        assertCode(advice.handleCompletion(new CompletionException(new IllegalStateException("bug"))),
                ErrorCode.INTERNAL);
    }

    private static void assertProblem(MvcTestResult result, ErrorCode code) {
        assertThat(result).hasStatus(code.httpStatus());
        assertThat(result).bodyJson().extractingPath("$.code").isEqualTo(code.code());
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("urn:chat:problem:" + code.code());
    }

    private static void assertCode(ResponseEntity<ProblemDetail> response, ErrorCode code) {
        assertThat(response.getStatusCode().value()).isEqualTo(code.httpStatus());
        assertThat(response.getBody().getProperties()).containsEntry("code", code.code());
    }

    @RestController
    static class FailingController {

        RuntimeException failure = new IllegalStateException("unset");

        @GetMapping("/fail")
        String fail() {
            throw failure;
        }

    }

}
