/**
 * Typed identifiers that serialise as bare JSON strings and reject malformed values on
 * construction.
 */
@NullMarked
package com.acme.chat.common.id;

import org.jspecify.annotations.NullMarked;
