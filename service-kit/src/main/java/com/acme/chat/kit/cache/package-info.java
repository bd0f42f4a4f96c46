/**
 * In-process caches: declared as {@link com.acme.chat.kit.cache.ChatCacheSpec} beans,
 * built with Caffeine, registered with Boot's cache support (and so metered).
 */
@NullMarked
package com.acme.chat.kit.cache;

import org.jspecify.annotations.NullMarked;
