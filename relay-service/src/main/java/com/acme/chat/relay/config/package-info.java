/**
 * Cross-cutting setup of relay-service: its properties, the Kafka topics it owns and how
 * its listeners read and retry records.
 */
@NullMarked
package com.acme.chat.relay.config;

import org.jspecify.annotations.NullMarked;
