package com.acme.chat.common.archfixture;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import com.acme.chat.kit.archfixture.KitFixtures;
import com.acme.chat.messaging.archfixture.MessagingFixtures;

/** Classes of a fixture "common" for the rule tests. */
public final class CommonFixtures {

    private CommonFixtures() {
    }

    /** Uses only the JDK and jspecify: within the allow-list. */
    public record ContractRecord(String id, Instant occurredAt, List<String> tags, @Nullable String note) {
    }

    /** Breaks the allow-list with Spring. */
    public static class UsesSpring {

        public void require(String id) {
            Assert.hasText(id, "id");
        }

    }

    /** Breaks the allow-list with service-kit. */
    public static class UsesServiceKit {

        public Object helper() {
            return new KitFixtures.KitHelper();
        }

    }

    /** Breaks the allow-list with a service. */
    public static class UsesService {

        public Object message() {
            return new MessagingFixtures.MessagingOnly();
        }

    }

}
