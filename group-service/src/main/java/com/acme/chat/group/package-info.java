/**
 * group-service: Groups and membership; fans group messages out to members through Kafka.
 */
@NullMarked
package com.acme.chat.group;

import org.jspecify.annotations.NullMarked;
