package com.acme.chat.messaging.archfixture;

import java.time.Instant;

import com.acme.chat.localstack.archfixture.LocalStackFixtures;
import com.acme.chat.relay.archfixture.RelayFixtures;
import com.acme.chat.testsupport.archfixture.TestSupportFixtures;

/**
 * Classes of a fixture service "messaging" for the rule tests: some break a rule on
 * purpose.
 */
public final class MessagingFixtures {

    private MessagingFixtures() {
    }

    /** Uses only the JDK and its own service: breaks no rule. */
    public static class MessagingOnly {

        public Instant sentAt() {
            return Instant.EPOCH;
        }

    }

    /** Breaks "no service uses another service's packages". */
    public static class ReachesIntoRelay {

        public int queued() {
            return new RelayFixtures.RelayQueue().size();
        }

    }

    /** Breaks "production code never uses test-support". */
    public static class UsesTestSupport {

        public String servers() {
            return TestSupportFixtures.TestServers.address();
        }

    }

    /** Breaks "production code never uses the local-stack launcher". */
    public static class UsesLocalStack {

        public void start() {
            LocalStackFixtures.Launcher.start();
        }

    }

}
