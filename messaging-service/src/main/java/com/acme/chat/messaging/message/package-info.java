/**
 * Messages: Send-Message (idempotent claim, gap-free seq, durable write, publish before
 * ack), Get-Message over the members' timelines, and paging of one conversation by seq.
 */
@NullMarked
package com.acme.chat.messaging.message;

import org.jspecify.annotations.NullMarked;
