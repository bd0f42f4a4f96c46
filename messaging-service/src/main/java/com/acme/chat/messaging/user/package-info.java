/**
 * Users: registration from token claims on every authenticated request, existence checks,
 * and the profile endpoints.
 */
@NullMarked
package com.acme.chat.messaging.user;

import org.jspecify.annotations.NullMarked;
