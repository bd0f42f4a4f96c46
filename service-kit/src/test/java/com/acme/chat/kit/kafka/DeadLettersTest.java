package com.acme.chat.kit.kafka;

import java.util.concurrent.TimeoutException;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.kit.web.ChatException;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLettersTest {

    @Test
    void aDependencyThatIsAwayIsRetriedWithoutLimit() {
        assertThat(DeadLetters.isTransient(wrapped(new DriverTimeoutException("slow")))).isTrue();
        assertThat(DeadLetters.isTransient(wrapped(new RedisConnectionFailureException("no redis")))).isTrue();
        assertThat(DeadLetters.isTransient(wrapped(new ChatException(ErrorCode.SERVICE_UNAVAILABLE, "kafka"))))
            .isTrue();
        assertThat(DeadLetters.isTransient(wrapped(new org.apache.kafka.common.errors.TimeoutException("broker"))))
            .isTrue();
        assertThat(DeadLetters.isTransient(wrapped(new IllegalStateException(new TimeoutException())))).isTrue();
    }

    @Test
    void everythingElseFailsForGood() {
        assertThat(DeadLetters.isTransient(wrapped(new NullPointerException()))).isFalse();
        assertThat(DeadLetters.isTransient(wrapped(new InvalidQueryException(null, "bad query")))).isFalse();
        assertThat(DeadLetters.isTransient(wrapped(new ChatException(ErrorCode.UNKNOWN_USER, "no")))).isFalse();
        assertThat(DeadLetters.isTransient(wrapped(new UnreadableRecordException("unreadable")))).isFalse();
    }

    @Test
    void aDeadLetterTopicIsItsSourceTopicWithDlt() {
        assertThat(DeadLetters.topicOf("t1.chat.messages.v1")).isEqualTo("t1.chat.messages.v1.dlt");
    }

    private static Exception wrapped(Throwable cause) {
        return new ListenerExecutionFailedException("listener failed", cause);
    }

}
