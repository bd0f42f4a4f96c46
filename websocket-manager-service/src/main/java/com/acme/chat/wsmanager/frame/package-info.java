/**
 * Client frames: parsing (JSON, frame type, field validation, each failure mapped to its
 * error code), dispatch by frame type, and mapping downstream failures to {@code error}
 * frames.
 */
@NullMarked
package com.acme.chat.wsmanager.frame;

import org.jspecify.annotations.NullMarked;
