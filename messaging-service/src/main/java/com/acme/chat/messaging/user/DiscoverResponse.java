package com.acme.chat.messaging.user;

import java.util.List;

/**
 * Answer of {@code POST /api/v1/users/discover}: the registered users whose contact has
 * one of the requested hashes, as public profiles (no contact).
 *
 * @param users the matches, in no particular order
 */
record DiscoverResponse(List<UserView> users) {
}
