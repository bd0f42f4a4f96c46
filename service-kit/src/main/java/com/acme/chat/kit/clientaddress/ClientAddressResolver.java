package com.acme.chat.kit.clientaddress;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import io.netty.util.NetUtil;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The client address of a WebFlux request, the way Tomcat's {@code RemoteIpValve} finds
 * it for the servlet services: starting at the peer, walk {@code X-Forwarded-For} from
 * the right while the hop that added an entry is a trusted proxy; the first address not
 * vouched for by a trusted proxy is the client. An untrusted peer's
 * {@code X-Forwarded-For} is ignored, so a client cannot claim an address of its choice;
 * through an ingress it can only prepend entries, which the walk never reaches.
 * <p>
 * Reactor Netty's own forwarded-header support is not used: it believes any peer. An
 * entry that is not an IP literal ends the walk at the hop that wrote it (it is never
 * looked up in DNS).
 */
public final class ClientAddressResolver {

    /** The header proxies append the address they saw to. */
    public static final String FORWARDED_FOR = "X-Forwarded-For";

    private final TrustedProxies trusted;

    public ClientAddressResolver(TrustedProxies trusted) {
        this.trusted = trusted;
    }

    /**
     * @return the client's address as an IP literal, or null when the request has no peer
     * address
     */
    public @Nullable String clientAddress(ServerHttpRequest request) {
        InetSocketAddress peer = request.getRemoteAddress();
        if (peer == null || peer.getAddress() == null) {
            return null;
        }
        InetAddress client = peer.getAddress();
        List<String> hops = request.getHeaders().getValuesAsList(FORWARDED_FOR);
        for (int i = hops.size() - 1; i >= 0 && this.trusted.contains(client); i--) {
            // Netty's parser reads literals only: InetAddress.getByName would ask DNS
            // about "999.1.1.1".
            InetAddress hop = NetUtil.createInetAddressFromIpAddressString(hops.get(i));
            if (hop == null) {
                break;
            }
            client = hop;
        }
        return client.getHostAddress();
    }

}
