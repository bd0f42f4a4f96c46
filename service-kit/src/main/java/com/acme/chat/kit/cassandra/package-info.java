/**
 * Cassandra: creates the service's keyspace and tables at startup (idempotent) and makes the driver reconnect quickly.
 */
@NullMarked
package com.acme.chat.kit.cassandra;

import org.jspecify.annotations.NullMarked;
