/**
 * Where a device is connected (the routes websocket-manager writes in Redis) and how a
 * frame reaches its handler (the handler's pub/sub channel).
 */
@NullMarked
package com.acme.chat.relay.routing;

import org.jspecify.annotations.NullMarked;
