/**
 * Load generator for the chat backend: speaks the public protocol (docs/protocol.md)
 * only.
 */
package com.acme.chat.loadtest;
