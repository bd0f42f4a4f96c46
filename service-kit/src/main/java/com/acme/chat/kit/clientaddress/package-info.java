/**
 * Client addresses: which address a request comes from, behind the proxies the deployment
 * trusts ({@code chat.web.trusted-proxies}), on either web stack.
 */
@NullMarked
package com.acme.chat.kit.clientaddress;

import org.jspecify.annotations.NullMarked;
