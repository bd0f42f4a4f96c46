/**
 * Cross-cutting setup of group-service: its properties and the Kafka topics it owns.
 */
@NullMarked
package com.acme.chat.group.config;

import org.jspecify.annotations.NullMarked;
