/**
 * The routing table in Redis ({@code route:{userId}:{deviceId}} and the
 * {@code routes:{userId}} index, see {@link com.acme.chat.common.routing.RouteKeys}) and
 * this handler's pub/sub channel {@code handler:{handlerId}}, on which relay pushes
 * frames and other handlers evict replaced connections (docs/adr/0004).
 */
@NullMarked
package com.acme.chat.wsmanager.routing;

import org.jspecify.annotations.NullMarked;
