/**
 * Routing contract between the WebSocket handlers (who write routes and hold connections)
 * and the services that deliver to them (who read routes and publish on a handler's
 * channel): Redis key names and the pub/sub payload.
 */
@NullMarked
package com.acme.chat.common.routing;

import org.jspecify.annotations.NullMarked;
