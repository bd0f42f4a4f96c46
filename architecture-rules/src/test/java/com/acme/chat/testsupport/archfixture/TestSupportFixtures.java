package com.acme.chat.testsupport.archfixture;

/** Classes of a fixture test-support for the rule tests. */
public final class TestSupportFixtures {

    private TestSupportFixtures() {
    }

    /** Where tests get their servers; production code must not use it. */
    public static class TestServers {

        public static String address() {
            return "127.0.0.1";
        }

    }

}
