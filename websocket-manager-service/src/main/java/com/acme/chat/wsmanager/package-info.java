/**
 * websocket-manager-service: the stateless WebSocket handler pods clients connect to.
 */
@NullMarked
package com.acme.chat.wsmanager;

import org.jspecify.annotations.NullMarked;
