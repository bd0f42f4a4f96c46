package com.acme.chat.group.rosterfixture;

import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/**
 * The fixture feature package {@code group.rosterfixture}: its repositories in the three
 * shapes the controller rule recognises, and a controller that uses them (allowed).
 */
public final class RosterFixtures {

    private RosterFixtures() {
    }

    /** A repository by name. */
    public static class RosterRepository {

        public int count() {
            return 0;
        }

    }

    /** A repository by Spring's stereotype only. */
    @Repository
    public static class RosterStore {

        public int count() {
            return 0;
        }

    }

    /** A Spring Data repository. */
    public interface RosterEntries extends org.springframework.data.repository.Repository<String, String> {

    }

    /** Uses its own feature's repositories: allowed. */
    @RestController
    public static class RosterController {

        private final RosterRepository repository;

        private final RosterStore store;

        private final RosterEntries entries;

        public RosterController(RosterRepository repository, RosterStore store, RosterEntries entries) {
            this.repository = repository;
            this.store = store;
            this.entries = entries;
        }

        public int total() {
            return this.repository.count() + this.store.count() + (this.entries != null ? 1 : 0);
        }

    }

}
