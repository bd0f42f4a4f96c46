/**
 * The WebSocket protocol between clients and the websocket-manager: JSON frames, their
 * limits and close codes.
 */
@NullMarked
package com.acme.chat.common.protocol;

import org.jspecify.annotations.NullMarked;
