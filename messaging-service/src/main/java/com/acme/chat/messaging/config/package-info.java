/**
 * Cross-cutting setup of messaging-service: its properties and the Kafka topics it owns.
 */
@NullMarked
package com.acme.chat.messaging.config;

import org.jspecify.annotations.NullMarked;
