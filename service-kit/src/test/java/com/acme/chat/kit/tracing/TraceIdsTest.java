package com.acme.chat.kit.tracing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.http.ProblemDetail;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.kit.web.Problems;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a ProblemDetail names as {@code traceId}: the trace current on the thread.
 */
class TraceIdsTest {

    @Test
    void problemNamesTheTraceCurrentOnTheThread() {
        KitTracing.context().run(context -> {
            Observation request = Observation.start("test.request", context.getBean(ObservationRegistry.class));
            String traceId = TraceIds.of(request.getContext());
            ProblemDetail inside;
            try (Observation.Scope scope = request.openScope()) {
                inside = Problems.of(ErrorCode.UNKNOWN_USER, "No user 'zed'");
            }
            finally {
                request.stop();
            }

            assertThat(traceId).hasSize(32).isNotEqualTo("00000000000000000000000000000000");
            assertThat(TraceIds.current()).isNull();
            assertThat(inside.getProperties()).containsEntry("traceId", traceId).containsEntry("code", "unknown_user");
            assertThat(Problems.of(ErrorCode.UNKNOWN_USER, "No user 'zed'").getProperties())
                .doesNotContainKey("traceId");
        });
    }

    @Test
    void explicitTraceReplacesTheThreadsOne() {
        ProblemDetail problem = Problems.withTraceId(Problems.of(ErrorCode.INTERNAL, "boom"),
                "4bf92f3577b34da6a3ce929d0e0e4736");

        assertThat(problem.getProperties()).containsEntry("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(Problems.withTraceId(Problems.of(ErrorCode.INTERNAL, "boom"), null).getProperties())
            .doesNotContainKey("traceId");
    }

}
