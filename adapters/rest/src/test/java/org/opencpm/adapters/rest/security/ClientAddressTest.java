package org.opencpm.adapters.rest.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private final ClientAddress behindProxies = ClientAddress.trusting("10.0.0.1, 10.0.0.2");

    @Test
    void without_trusted_proxies_the_header_is_ignored() {
        assertThat(ClientAddress.trusting("").of("203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
        assertThat(ClientAddress.trusting(null).of("203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
    }

    @Test
    void a_proxy_is_the_same_address_however_it_is_written() {
        ClientAddress loopback = ClientAddress.trusting("::1");
        assertThat(loopback.of("0:0:0:0:0:0:0:1", "198.51.100.1")).as("the peer as Java writes IPv6 loopback").isEqualTo("198.51.100.1");
        assertThat(ClientAddress.trusting("proxy.example").of("proxy.example", "198.51.100.1")).as("a name is not an address")
                .isEqualTo("proxy.example");
    }

    @Test
    void a_header_from_anyone_but_a_trusted_proxy_is_ignored() {
        assertThat(behindProxies.of("203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
    }

    @Test
    void behind_trusted_proxies_the_rightmost_untrusted_hop_is_the_client() {
        assertThat(behindProxies.of("10.0.0.1", "198.51.100.1")).isEqualTo("198.51.100.1");
        assertThat(behindProxies.of("10.0.0.1", "1.2.3.4, 198.51.100.1, 10.0.0.2")).as("the client cannot choose what the proxy appended")
                .isEqualTo("198.51.100.1");
        assertThat(behindProxies.of("10.0.0.1", "2001:db8::7")).isEqualTo("2001:db8::7");
    }

    @Test
    void a_hop_that_is_not_an_address_is_not_believed() {
        assertThat(behindProxies.of("10.0.0.1", "evil\u001b[2J")).isEqualTo("10.0.0.1");
        assertThat(behindProxies.of("10.0.0.1", "10.0.0.2")).as("only proxies: the peer").isEqualTo("10.0.0.1");
    }

    @Test
    void an_address_is_never_longer_than_a_consents_evidence_keeps() {
        assertThat(ClientAddress.trusting("").of("1".repeat(ClientAddress.MAX_LENGTH + 1), null)).isEqualTo(ClientAddress.UNKNOWN);
        assertThat(ClientAddress.trusting("").of(" ", null)).isEqualTo(ClientAddress.UNKNOWN);
        String longHop = "0".repeat(ClientAddress.MAX_LENGTH) + "::1";
        assertThat(behindProxies.of("10.0.0.1", longHop)).as("not believed, however it parses").isEqualTo("10.0.0.1");
        String longest = "0000:0000:0000:0000:0000:ffff:255.255.255.255";
        assertThat(behindProxies.of("10.0.0.1", longest)).isEqualTo(longest);
    }
}
