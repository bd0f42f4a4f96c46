/**
 * Groups as messaging sees them: membership changes consumed from {@code chat.groups.v1}
 * and handed to the writer of the group's stream (docs/adr/0026).
 */
@NullMarked
package com.acme.chat.messaging.group;

import org.jspecify.annotations.NullMarked;
