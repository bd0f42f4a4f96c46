package com.acme.chat.kit.clientaddress;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@code chat.web.trusted-proxies}: its default, and what it refuses. */
class TrustedProxiesTest {

    @Test
    void byDefaultLoopbackAndThePrivateRangesAreTrusted() throws Exception {
        TrustedProxies trusted = new TrustedProxies(bind(Map.of()).trustedProxies());

        for (String address : new String[] { "127.0.0.1", "::1", "10.20.30.40", "172.31.0.1", "192.168.1.1",
                "100.64.0.1", "fd12:3456::1" }) {
            assertThat(trusted.contains(InetAddress.getByName(address))).as(address).isTrue();
        }
        for (String address : new String[] { "203.0.113.7", "172.32.0.1", "100.128.0.1", "2001:db8::1" }) {
            assertThat(trusted.contains(InetAddress.getByName(address))).as(address).isFalse();
        }
        assertThat(trusted.asTomcatList())
            .isEqualTo("127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,100.64.0.0/10,fc00::/7");
    }

    @Test
    void aConfiguredListReplacesTheDefault() throws Exception {
        TrustedProxies trusted = new TrustedProxies(
                bind(Map.of("chat.web.trusted-proxies", "192.0.2.0/24, 2001:db8::/32")).trustedProxies());

        assertThat(trusted.contains(InetAddress.getByName("192.0.2.9"))).isTrue();
        assertThat(trusted.contains(InetAddress.getByName("127.0.0.1"))).isFalse();
        assertThat(trusted.asTomcatList()).isEqualTo("192.0.2.0/24,2001:db8::/32");
    }

    @Test
    void blocksThatAreNotCidrAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TrustedProxies(List.of("10.0.0.1")))
            .withMessageContaining("/32");
        assertThatIllegalArgumentException().isThrownBy(() -> new TrustedProxies(List.of("proxy.example/8")))
            .withMessageContaining("proxy.example/8");
    }

    static ClientAddressProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("chat.web",
                ClientAddressProperties.class);
    }

}
