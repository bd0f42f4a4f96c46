/**
 * The dev token endpoint of the local profile: signed test identities without an identity
 * provider.
 */
@NullMarked
package com.acme.chat.messaging.devtoken;

import org.jspecify.annotations.NullMarked;
