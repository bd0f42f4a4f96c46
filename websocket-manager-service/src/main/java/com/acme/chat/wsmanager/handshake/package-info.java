/**
 * The WebSocket handshake: who is connecting (bearer token or single-use ticket), from
 * which device, from which browser origin. Every check happens before the upgrade, so a
 * rejected client gets a plain HTTP ProblemDetail and no socket is ever opened. Also
 * issues the browser tickets ({@code POST /api/v1/ws-tickets}).
 */
@NullMarked
package com.acme.chat.wsmanager.handshake;

import org.jspecify.annotations.NullMarked;
