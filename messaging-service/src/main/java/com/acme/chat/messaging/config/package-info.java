/**
 * Cross-cutting setup of messaging-service: its properties, the Kafka topics it owns,
 * listener error handling, the clock, and how storage failures reach clients.
 */
@NullMarked
package com.acme.chat.messaging.config;

import org.jspecify.annotations.NullMarked;
