/**
 * Cross-cutting setup of last-seen-service: its properties and the Kafka topics it owns.
 */
@NullMarked
package com.acme.chat.lastseen.config;

import org.jspecify.annotations.NullMarked;
