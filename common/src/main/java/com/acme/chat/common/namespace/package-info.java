/**
 * The deployment namespace that prefixes every server-side name (topics, consumer groups,
 * keyspaces, Redis keys and channels, buckets); empty in production.
 */
@NullMarked
package com.acme.chat.common.namespace;

import org.jspecify.annotations.NullMarked;
