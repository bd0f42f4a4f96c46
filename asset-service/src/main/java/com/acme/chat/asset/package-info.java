/**
 * asset-service: Images and videos in S3 under content-hash keys; an upload whose hash is
 * already stored is not uploaded again.
 */
@NullMarked
package com.acme.chat.asset;

import org.jspecify.annotations.NullMarked;
