/**
 * The project's architecture rules (ArchUnit), checked by every module's
 * {@code ArchitectureTest}.
 */
@NullMarked
package com.acme.chat.architecture;

import org.jspecify.annotations.NullMarked;
