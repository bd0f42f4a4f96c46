package com.acme.chat.relay.archfixture;

/** Classes of a fixture service "relay" for the rule tests. */
public final class RelayFixtures {

    private RelayFixtures() {
    }

    /** A class of the relay service that other services must not use. */
    public static class RelayQueue {

        public int size() {
            return 0;
        }

    }

}
