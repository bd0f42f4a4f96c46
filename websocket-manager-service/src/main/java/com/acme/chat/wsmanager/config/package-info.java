/**
 * Cross-cutting setup of websocket-manager-service: its properties, the Kafka topics it
 * owns and the CORS rule that lets browser apps fetch handshake tickets.
 */
@NullMarked
package com.acme.chat.wsmanager.config;

import org.jspecify.annotations.NullMarked;
