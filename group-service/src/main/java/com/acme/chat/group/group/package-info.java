/**
 * Groups and their members: the change log of each group (the source of truth, ADR 0025),
 * its projections by group and by user, the REST API and the publication of every change
 * on {@code chat.groups.v1}.
 */
@NullMarked
package com.acme.chat.group.group;

import org.jspecify.annotations.NullMarked;
