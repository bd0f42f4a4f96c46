package com.acme.chat.messaging.user;

/**
 * {@code GET/PUT /api/v1/users/me/settings}: {@code {"readReceipts": true}}.
 *
 * @param readReceipts whether the user shares his read position and sees others'
 */
record SettingsView(boolean readReceipts) {
}
