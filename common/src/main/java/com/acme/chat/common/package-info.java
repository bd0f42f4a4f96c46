/**
 * Cross-service contract of the chat backend: WebSocket frames, Kafka events, typed ids
 * and error codes.
 */
@NullMarked
package com.acme.chat.common;

import org.jspecify.annotations.NullMarked;
