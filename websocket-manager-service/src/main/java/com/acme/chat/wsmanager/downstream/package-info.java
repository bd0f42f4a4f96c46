/**
 * Non-blocking HTTP clients for the services frames are forwarded to: messaging
 * ({@code send_message}, {@code mark_read}, user registration) and relay
 * ({@code ack_delivery}). They call on the user's behalf with the connection's own token
 * and report every failure as a
 * {@link com.acme.chat.wsmanager.downstream.DownstreamException}.
 */
@NullMarked
package com.acme.chat.wsmanager.downstream;

import org.jspecify.annotations.NullMarked;
