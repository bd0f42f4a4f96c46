/**
 * What relay's REST controllers share: turning raw request ids into typed ids with stable
 * error codes.
 */
@NullMarked
package com.acme.chat.relay.web;

import org.jspecify.annotations.NullMarked;
