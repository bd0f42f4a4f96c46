/**
 * WebSocket sessions: the connection lifecycle (route, hello, presence, cleanup), the
 * registry of this instance's connections with their bounded outboxes, and the timers
 * that refresh routes and close silent or expired connections.
 */
@NullMarked
package com.acme.chat.wsmanager.session;

import org.jspecify.annotations.NullMarked;
