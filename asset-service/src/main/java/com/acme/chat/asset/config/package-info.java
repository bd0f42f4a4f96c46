/**
 * Cross-cutting setup of asset-service: its properties and the Kafka topics it owns.
 */
@NullMarked
package com.acme.chat.asset.config;

import org.jspecify.annotations.NullMarked;
