/**
 * Admission control: refuse work early and unambiguously ({@code overloaded}) rather than
 * let it queue until the database times out.
 */
@NullMarked
package com.acme.chat.kit.admission;

import org.jspecify.annotations.NullMarked;
