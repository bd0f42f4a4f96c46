package com.acme.chat.kit.clientaddress;

import org.apache.catalina.Valve;
import org.apache.catalina.valves.RemoteIpValve;

import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Servlet services: Tomcat's {@code RemoteIpValve} with {@code chat.web.trusted-proxies}
 * as its internal proxies, so {@code request.getRemoteAddr()} is the client's address
 * behind them. The valve Boot adds for {@code server.forward-headers-strategy=native}
 * (also on by itself on Kubernetes) is reused, else one is added; either way its proxies
 * come from the one list, never from {@code server.tomcat.remoteip.*-proxies}. Tomcat
 * reads the CIDR list itself, so nothing is converted to a regular expression.
 */
final class TomcatTrustedProxies implements WebServerFactoryCustomizer<TomcatWebServerFactory>, Ordered {

    private final TrustedProxies trusted;

    TomcatTrustedProxies(TrustedProxies trusted) {
        this.trusted = trusted;
    }

    @Override
    public void customize(TomcatWebServerFactory factory) {
        RemoteIpValve valve = null;
        for (Valve candidate : factory.getEngineValves()) {
            if (candidate instanceof RemoteIpValve remoteIp) {
                valve = remoteIp;
            }
        }
        if (valve == null) {
            valve = new RemoteIpValve();
            factory.addEngineValves(valve);
        }
        valve.setInternalProxies(this.trusted.asTomcatList());
        valve.setTrustedProxies(null);
    }

    /** After Boot's own Tomcat customizer (order 0), which may have added the valve. */
    @Override
    public int getOrder() {
        return 1;
    }

}
