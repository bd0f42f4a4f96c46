/**
 * Object storage: the S3 client, the asset bucket (created at startup if missing) and its
 * readiness check.
 */
@NullMarked
package com.acme.chat.asset.storage;

import org.jspecify.annotations.NullMarked;
