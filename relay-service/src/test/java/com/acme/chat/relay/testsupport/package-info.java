/**
 * Fixtures of relay-service's integration tests: events to produce, a fake handler
 * channel, topic watchers and queue reads.
 */
@NullMarked
package com.acme.chat.relay.testsupport;

import org.jspecify.annotations.NullMarked;
