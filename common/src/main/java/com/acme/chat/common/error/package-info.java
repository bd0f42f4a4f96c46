/**
 * The one error vocabulary shared by REST problem details and WebSocket error frames.
 */
@NullMarked
package com.acme.chat.common.error;

import org.jspecify.annotations.NullMarked;
