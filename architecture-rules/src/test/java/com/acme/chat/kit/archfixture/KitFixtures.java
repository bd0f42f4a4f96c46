package com.acme.chat.kit.archfixture;

import com.acme.chat.messaging.archfixture.MessagingFixtures;

/** Classes of a fixture service-kit for the rule tests. */
public final class KitFixtures {

    private KitFixtures() {
    }

    /** A kit class that common must not use. */
    public static class KitHelper {

    }

    /** Breaks "service-kit uses no service". */
    public static class ReachesIntoService {

        public Object sentAt() {
            return new MessagingFixtures.MessagingOnly().sentAt();
        }

    }

}
