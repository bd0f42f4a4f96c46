/**
 * Cross-cutting setup of relay-service: its properties, the Kafka topics it owns, how its
 * listeners retry records, and its caches.
 */
@NullMarked
package com.acme.chat.relay.config;

import org.jspecify.annotations.NullMarked;
