/**
 * Test support: where integration tests get their real servers from, and helpers every
 * service's tests share.
 */
@NullMarked
package com.acme.chat.testsupport;

import org.jspecify.annotations.NullMarked;
