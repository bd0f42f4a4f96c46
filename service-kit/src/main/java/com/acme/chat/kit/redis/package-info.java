/**
 * Redis: client options that fail fast while Redis is away and reconnect quickly when it
 * returns.
 */
@NullMarked
package com.acme.chat.kit.redis;

import org.jspecify.annotations.NullMarked;
