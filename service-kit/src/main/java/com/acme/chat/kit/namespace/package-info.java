/**
 * The deployment namespace that prefixes every server-side name (topics, groups,
 * keyspaces, Redis keys, buckets).
 */
@NullMarked
package com.acme.chat.kit.namespace;

import org.jspecify.annotations.NullMarked;
