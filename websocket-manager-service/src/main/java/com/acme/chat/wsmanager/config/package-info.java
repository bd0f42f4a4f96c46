/**
 * Cross-cutting setup of websocket-manager-service: its properties and the Kafka topics it owns.
 */
@NullMarked
package com.acme.chat.wsmanager.config;

import org.jspecify.annotations.NullMarked;
