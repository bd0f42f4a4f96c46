package com.acme.chat.messaging.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.ratelimit.RateLimiter;
import com.acme.chat.kit.web.ChatException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

class ContactDiscoveryTest {

    private static final UserId CAROL = UserId.of("carol");

    private final UserRepository users = mock(UserRepository.class);

    @SuppressWarnings("unchecked")
    private final ObjectProvider<RateLimiter> noLimiter = mock(ObjectProvider.class);

    private final ContactDiscovery discovery = new ContactDiscovery(users, noLimiter);

    @Test
    void answersPublicProfilesOfUsersWhoseCurrentContactHasTheHash() {
        String alice = indexed("+15550100123", "alice", "+1 555 010 0123");
        // bob's index row is stale: he has another number now.
        String bob = indexed("+15550100999", "bob", "+15550100777");
        given(users.findByContactHash(hash("+15550100555")))
            .willReturn(CompletableFuture.completedFuture(Optional.empty()));

        List<UserView> found = discovery.discover(CAROL, List.of(alice, bob, hash("+15550100555"), alice));

        assertThat(found).containsExactly(new UserView("alice", "Alice", null));
    }

    @Test
    void neverAnswersTheCaller() {
        String own = indexed("+15550100123", "carol", "+15550100123");

        assertThat(discovery.discover(CAROL, List.of(own))).isEmpty();
        then(users).should(never()).findAsync(CAROL);
    }

    @Test
    void refusesMalformedMissingAndTooManyHashesBeforeLookingAnythingUp() {
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i <= ContactDiscovery.MAX_HASHES; i++) {
            tooMany.add(hash("+1555" + (1_000_000 + i)));
        }
        for (List<String> bad : List.of(tooMany, List.of("+15550100123"), List.of("AB".repeat(32)))) {
            assertThatThrownBy(() -> discovery.discover(CAROL, bad)).isInstanceOfSatisfying(ChatException.class,
                    ex -> assertThat(ex.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        }
        assertThatThrownBy(() -> discovery.discover(CAROL, null)).isInstanceOf(ChatException.class);
        then(users).should(never()).findByContactHash(anyString());
    }

    @Test
    void looksUpAFullRequestInWindows() {
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < ContactDiscovery.MAX_HASHES; i++) {
            String contact = "+1555" + (1_000_000 + i);
            hashes.add(i % 100 == 0 ? indexed(contact, "user-" + i, contact) : hash(contact));
        }
        given(users.findByContactHash(anyString()))
            .willAnswer(invocation -> hashes.indexOf(invocation.<String>getArgument(0)) % 100 == 0
                    ? CompletableFuture.completedFuture(
                            Optional.of(UserId.of("user-" + hashes.indexOf(invocation.<String>getArgument(0)))))
                    : CompletableFuture.completedFuture(Optional.empty()));

        assertThat(discovery.discover(CAROL, hashes)).hasSize(10);
    }

    /**
     * A user whose index row points at them under {@code indexedAs}, with a current
     * contact.
     */
    private String indexed(String indexedAs, String user, String currentContact) {
        String hash = hash(indexedAs);
        UserId id = UserId.of(user);
        given(users.findByContactHash(hash)).willReturn(CompletableFuture.completedFuture(Optional.of(id)));
        given(users.findAsync(id)).willReturn(CompletableFuture.completedFuture(Optional
            .of(new UserView(user, Character.toUpperCase(user.charAt(0)) + user.substring(1), currentContact))));
        return hash;
    }

    private static String hash(String contact) {
        return ContactHash.of(contact).orElseThrow();
    }

}
