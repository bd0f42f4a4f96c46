package com.acme.chat.kit.web;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import com.acme.chat.common.error.ErrorCode;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemsTest {

    @Test
    void anAdvisedRetryDelayBecomesRetryAfterInWholeSecondsAndRetryAfterMs() {
        ResponseEntity<ProblemDetail> response = Problems
            .response(new ChatException(ErrorCode.OVERLOADED, "Too many sends", Duration.ofMillis(1240)));

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
        assertThat(response.getBody()).isNotNull();
        assertThat(response.getBody().getProperties()).containsEntry("code", "overloaded")
            .containsEntry("retryAfterMs", 1240L);
    }

    @Test
    void withoutAdviceThereIsNoRetryAfter() {
        ResponseEntity<ProblemDetail> response = Problems
            .response(new ChatException(ErrorCode.UNKNOWN_USER, "No user 'bob'"));

        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)).isFalse();
        assertThat(response.getBody().getProperties()).doesNotContainKey("retryAfterMs");
    }

}
