package com.acme.chat.group.invitefixture;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

import com.acme.chat.group.rosterfixture.RosterFixtures.RosterEntries;
import com.acme.chat.group.rosterfixture.RosterFixtures.RosterRepository;
import com.acme.chat.group.rosterfixture.RosterFixtures.RosterStore;

/**
 * The fixture feature package {@code group.invitefixture}: controllers that reach into
 * the roster feature's repositories (each breaks the controller rule), and a service that
 * may.
 */
public final class InviteFixtures {

    private InviteFixtures() {
    }

    /** A controller by name only, using a repository by name. */
    public static class InviteController {

        public int members(RosterRepository repository) {
            return repository.count();
        }

    }

    /** A controller by {@code @Controller}, using a {@code @Repository}. */
    @Controller
    public static class InviteEndpoint {

        public int members(RosterStore store) {
            return store.count();
        }

    }

    /** A controller by {@code @RestController}, using a Spring Data repository. */
    @RestController
    public static class InviteApi {

        public boolean members(RosterEntries entries) {
            return entries != null;
        }

    }

    /** Not a controller: a feature's service may use another feature's repository. */
    public static class InviteService {

        public int members(RosterRepository repository) {
            return repository.count();
        }

    }

}
