package com.acme.chat.localstack.archfixture;

/** Classes of a fixture local-stack launcher for the rule tests. */
public final class LocalStackFixtures {

    private LocalStackFixtures() {
    }

    /** Starts servers; production code must not use it. */
    public static class Launcher {

        public static void start() {
        }

    }

}
