/**
 * Rate limits: token buckets per user or client address, in Redis via Bucket4j.
 */
@NullMarked
package com.acme.chat.kit.ratelimit;

import org.jspecify.annotations.NullMarked;
