/**
 * Web: one error vocabulary; domain exceptions carry an ErrorCode and become RFC 9457
 * ProblemDetails.
 */
@NullMarked
package com.acme.chat.kit.web;

import org.jspecify.annotations.NullMarked;
