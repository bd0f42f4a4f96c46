/**
 * Security: every endpoint but the probes and metrics needs a JWT bearer token.
 */
@NullMarked
package com.acme.chat.kit.security;

import org.jspecify.annotations.NullMarked;
