package com.acme.chat.kit.clientaddress;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.RemoteIpValve;
import org.apache.catalina.valves.ValveBase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tomcat's {@code RemoteIpValve} as the customizer leaves it: one valve, its proxies from
 * {@code chat.web.trusted-proxies}, and {@code getRemoteAddr()} the client behind them.
 */
class TomcatTrustedProxiesTest {

    private final TomcatTrustedProxies customizer = new TomcatTrustedProxies(
            new TrustedProxies(List.of("127.0.0.0/8", "10.0.0.0/8")));

    @Test
    void addsTheValveWhenBootDidNot() {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();

        customizer.customize(factory);

        assertThat(factory.getEngineValves()).singleElement()
            .isInstanceOfSatisfying(RemoteIpValve.class,
                    valve -> assertThat(blocks(valve)).containsExactlyInAnyOrder("127.0.0.0/8", "10.0.0.0/8"));
    }

    @Test
    void reusesBootsValveAndReplacesItsProxies() {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
        RemoteIpValve boots = new RemoteIpValve();
        boots.setInternalProxies("192\\.168\\.\\d{1,3}\\.\\d{1,3}");
        boots.setTrustedProxies("172\\.17\\.0\\.1");
        factory.addEngineValves(boots);

        customizer.customize(factory);

        assertThat(factory.getEngineValves()).containsExactly(boots);
        assertThat(blocks(boots)).containsExactlyInAnyOrder("127.0.0.0/8", "10.0.0.0/8");
        assertThat(boots.getTrustedProxies()).isNull();
    }

    @Test
    void theRemoteAddressIsTheClientBehindTrustedProxiesOnly() throws Exception {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
        customizer.customize(factory);
        RemoteIpValve valve = (RemoteIpValve) factory.getEngineValves().iterator().next();

        assertThat(remoteAddr(valve, "127.0.0.1", "203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(remoteAddr(valve, "10.0.0.5", "203.0.113.9, 198.51.100.7, 10.1.2.3")).isEqualTo("198.51.100.7");
        assertThat(remoteAddr(valve, "198.51.100.20", "203.0.113.7")).isEqualTo("198.51.100.20");
    }

    /** The valve's internal proxies (Tomcat answers them sorted). */
    private static List<String> blocks(RemoteIpValve valve) {
        return List.of(valve.getInternalProxies().split(",\\s*"));
    }

    /** What the application sees as {@code getRemoteAddr()} behind the valve. */
    private static String remoteAddr(RemoteIpValve valve, String peer, String forwardedFor)
            throws IOException, ServletException {
        Request request = new Request(new Connector(), new org.apache.coyote.Request());
        request.setRemoteAddr(peer);
        request.getCoyoteRequest().getMimeHeaders().addValue("X-Forwarded-For").setString(forwardedFor);
        AtomicReference<String> seen = new AtomicReference<>();
        valve.setNext(new ValveBase() {
            @Override
            public void invoke(Request request, Response response) {
                seen.set(request.getRemoteAddr());
            }
        });
        valve.invoke(request, new Response(new org.apache.coyote.Response()));
        return seen.get();
    }

}
