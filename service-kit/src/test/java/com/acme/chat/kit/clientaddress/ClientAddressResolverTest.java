package com.acme.chat.kit.clientaddress;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client address of a WebFlux request behind the default trusted proxies: what a
 * trusted proxy says counts, what anyone else says does not.
 */
class ClientAddressResolverTest {

    private final ClientAddressResolver resolver = new ClientAddressResolver(
            new TrustedProxies(TrustedProxiesTest.bind(Map.of()).trustedProxies()));

    @Test
    void aTrustedPeerNamesTheClient() {
        assertThat(clientOf("127.0.0.1", "203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(clientOf("10.4.0.9", "203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItsHeaderSays() {
        assertThat(clientOf("198.51.100.20", "203.0.113.7")).isEqualTo("198.51.100.20");
        assertThat(clientOf("198.51.100.20")).isEqualTo("198.51.100.20");
    }

    @Test
    void theWalkStopsAtTheFirstAddressNoTrustedProxyVouchesFor() {
        // The client (198.51.100.7) forged 203.0.113.9; the ingress appended the client's
        // address, the next proxy (10.0.0.5) the ingress's (10.1.2.3).
        assertThat(clientOf("10.0.0.5", "203.0.113.9, 198.51.100.7, 10.1.2.3")).isEqualTo("198.51.100.7");
        // Header lines count in their order, as one list.
        assertThat(clientOf("127.0.0.1", "203.0.113.9, 198.51.100.7", "10.1.2.3")).isEqualTo("198.51.100.7");
    }

    @Test
    void throughTrustedHopsOnlyTheLeftmostEntryIsLeft() {
        assertThat(clientOf("127.0.0.1", "10.0.0.1, 192.168.1.1")).isEqualTo("10.0.0.1");
    }

    @Test
    void anEntryThatIsNoAddressEndsTheWalkAtTheHopThatWroteIt() {
        assertThat(clientOf("127.0.0.1", "evil.example")).isEqualTo("127.0.0.1");
        assertThat(clientOf("127.0.0.1", "999.1.1.1, 10.0.0.3")).isEqualTo("10.0.0.3");
    }

    @Test
    void ipv6AddressesAreMatchedAndWrittenAsLiterals() {
        assertThat(clientOf("::1", "2001:db8::7")).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(clientOf("fd00::1", "2001:db8::7")).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(clientOf("2001:db8::9", "203.0.113.7")).isEqualTo("2001:db8:0:0:0:0:0:9");
    }

    @Test
    void trustingNoOneMakesEveryPeerTheClient() {
        ClientAddressResolver nobody = new ClientAddressResolver(new TrustedProxies(List.of()));
        assertThat(nobody.clientAddress(request("127.0.0.1", "203.0.113.7"))).isEqualTo("127.0.0.1");
    }

    private String clientOf(String peer, String... forwardedFor) {
        return this.resolver.clientAddress(request(peer, forwardedFor));
    }

    private static MockServerHttpRequest request(String peer, String... forwardedFor) {
        return MockServerHttpRequest.get("/ws")
            .remoteAddress(new InetSocketAddress(peer, 40_000))
            .header(ClientAddressResolver.FORWARDED_FOR, forwardedFor)
            .build();
    }

}
