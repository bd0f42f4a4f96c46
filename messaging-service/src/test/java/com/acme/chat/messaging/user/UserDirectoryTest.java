package com.acme.chat.messaging.user;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;

import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.cache.ChatCacheSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;

class UserDirectoryTest {

    private static final Duration REFRESH = Duration.ofMinutes(10);

    private final AtomicLong nanos = new AtomicLong();

    private final UserRepository repository = mock(UserRepository.class);

    private final Cache<UserId, Boolean> refreshed = ChatCacheSpec.bounded("user-refreshes", 2)
        .expiringAfterWrite(REFRESH)
        .newBuilder()
        .ticker(nanos::get)
        .build();

    private final Cache<UserId, Boolean> known = ChatCacheSpec.bounded("known-users", 2)
        .newBuilder()
        .ticker(nanos::get)
        .build();

    private final UserDirectory directory = new UserDirectory(repository, Clock.systemUTC(), refreshed, known);

    @Test
    void upsertsAUserAtMostOncePerRefreshInterval() {
        given(repository.find(UserId.of("alice"))).willReturn(Optional.empty());

        directory.ensureRegistered(token("alice"));
        directory.ensureRegistered(token("alice"));
        nanos.addAndGet(REFRESH.toNanos() - 1);
        directory.ensureRegistered(token("alice"));
        then(repository).should(times(1)).find(UserId.of("alice"));

        nanos.addAndGet(1);
        directory.ensureRegistered(token("alice"));
        then(repository).should(times(2)).find(UserId.of("alice"));
        then(repository).should(times(2)).save(any(), any(), any(), any(), any());
    }

    @Test
    void indexesTheContactForDiscoveryAtEveryRefresh() {
        given(repository.find(UserId.of("alice"))).willReturn(Optional.empty());
        Jwt token = Jwt.withTokenValue("token")
            .header("alg", "HS256")
            .subject("alice")
            .claim("phone_number", "+1 555 010 0123")
            .build();

        directory.ensureRegistered(token);
        nanos.addAndGet(REFRESH.toNanos());
        directory.ensureRegistered(token);

        then(repository).should(times(2))
            .indexContact("71e19f521d9da9cc0015cba3830ccef960c34abdf3dc865e52fc58b1c9cfcd0c", UserId.of("alice"));
    }

    @Test
    void remembersUsersThatExistButNotUsersThatDoNot() {
        given(repository.find(UserId.of("bob"))).willReturn(Optional.of(new UserView("bob", null, null)));
        given(repository.find(UserId.of("nobody"))).willReturn(Optional.empty());

        assertThat(directory.exists(UserId.of("bob"))).isTrue();
        assertThat(directory.exists(UserId.of("bob"))).isTrue();
        assertThat(directory.exists(UserId.of("nobody"))).isFalse();
        assertThat(directory.exists(UserId.of("nobody"))).isFalse();

        then(repository).should(times(1)).find(UserId.of("bob"));
        then(repository).should(times(2)).find(UserId.of("nobody"));
    }

    @Test
    void aRegisteredUserIsKnownToExistWithoutARead() {
        given(repository.find(UserId.of("alice"))).willReturn(Optional.empty());
        directory.ensureRegistered(token("alice"));

        assertThat(directory.exists(UserId.of("alice"))).isTrue();

        then(repository).should(times(1)).find(UserId.of("alice"));
    }

    @Test
    void aFullDirectoryForgetsOneUserNotAll() {
        for (String user : new String[] { "a", "b", "c" }) {
            given(repository.find(UserId.of(user))).willReturn(Optional.of(new UserView(user, null, null)));
            directory.exists(UserId.of(user));
        }
        known.cleanUp();

        assertThat(known.estimatedSize()).isEqualTo(2);
    }

    private static Jwt token(String subject) {
        return Jwt.withTokenValue("token").header("alg", "HS256").subject(subject).claim("name", subject).build();
    }

}
