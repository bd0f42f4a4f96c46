/**
 * Cross-cutting setup of relay-service: its properties and the Kafka topics it owns.
 */
@NullMarked
package com.acme.chat.relay.config;

import org.jspecify.annotations.NullMarked;
