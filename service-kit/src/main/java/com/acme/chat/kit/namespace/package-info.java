/**
 * The {@code chatNamespace} bean: the deployment namespace ({@code chat.namespace}) that
 * prefixes every server-side name.
 */
@NullMarked
package com.acme.chat.kit.namespace;

import org.jspecify.annotations.NullMarked;
