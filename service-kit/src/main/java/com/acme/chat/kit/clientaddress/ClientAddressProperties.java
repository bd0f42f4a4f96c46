package com.acme.chat.kit.clientaddress;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chat.web.trusted-proxies}: the networks whose {@code X-Forwarded-For} a service
 * believes, as CIDR blocks ({@code 10.0.0.0/8}, {@code fc00::/7}; a single address is
 * {@code /32} or {@code /128}). The one setting for both web stacks: the servlet
 * services' Tomcat and websocket-manager read it alike.
 * <p>
 * The default trusts loopback and the private ranges (RFC 1918, carrier-grade NAT's
 * 100.64/10, IPv6 unique local), like Tomcat's {@code RemoteIpValve}: the other services,
 * the handler and an ingress inside the cluster are trusted. So the only public entry
 * must be the ingress or load balancer, which appends the address it saw; a client that
 * can reach a service from a trusted network can claim any address.
 *
 * @param trustedProxies CIDR blocks; empty trusts no one (every request is its peer)
 */
@ConfigurationProperties("chat.web")
public record ClientAddressProperties(@DefaultValue( {
        "127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10",
        "fc00::/7" }) List<String> trustedProxies){

    public ClientAddressProperties {
        trustedProxies = List.copyOf(trustedProxies);
    }

}
