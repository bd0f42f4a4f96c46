/**
 * last-seen-service: Online status and last-seen time.
 */
@NullMarked
package com.acme.chat.lastseen;

import org.jspecify.annotations.NullMarked;
