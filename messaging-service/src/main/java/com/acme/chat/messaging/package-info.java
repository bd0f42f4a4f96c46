/**
 * messaging-service: Sends messages (1:1 and group), owns message history, serves
 * Send-Message and Get-Message.
 */
@NullMarked
package com.acme.chat.messaging;

import org.jspecify.annotations.NullMarked;
