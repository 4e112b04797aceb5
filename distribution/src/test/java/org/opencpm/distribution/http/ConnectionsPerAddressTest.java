package org.opencpm.distribution.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectionsPerAddressTest {

    @Test
    void an_address_holds_at_most_its_share_and_gets_places_back() throws Exception {
        ConnectionsPerAddress limit = new ConnectionsPerAddress(2, Set.of());
        InetAddress client = InetAddress.getByName("192.0.2.7");
        InetAddress other = InetAddress.getByName("192.0.2.8");

        assertThat(limit.admit(client)).isTrue();
        assertThat(limit.admit(client)).isTrue();
        assertThat(limit.admit(client)).as("third from the same address").isFalse();
        assertThat(limit.admit(other)).as("another address").isTrue();
        assertThat(limit.held(client)).as("a refusal takes no place").isEqualTo(2);

        limit.release(client);
        assertThat(limit.admit(client)).as("after one closed").isTrue();
        limit.release(client);
        limit.release(client);
        assertThat(limit.held(client)).isZero();
    }

    @Test
    void an_ipv6_client_counts_by_its_64_network() throws Exception {
        ConnectionsPerAddress limit = new ConnectionsPerAddress(1, Set.of());

        assertThat(limit.admit(InetAddress.getByName("2001:db8:1:2::1"))).isTrue();
        assertThat(limit.admit(InetAddress.getByName("2001:db8:1:2:ffff::9"))).as("same /64").isFalse();
        assertThat(limit.admit(InetAddress.getByName("2001:db8:1:3::1"))).as("another /64").isTrue();
    }

    @Test
    void trusted_proxies_are_not_counted_and_minus_one_counts_nobody() throws Exception {
        InetAddress proxy = InetAddress.getByName("10.0.0.5");
        ConnectionsPerAddress limit = new ConnectionsPerAddress(1, ConnectionsPerAddress.addresses(" 10.0.0.5 , proxy.example, ::1"));
        ConnectionsPerAddress off = new ConnectionsPerAddress(-1, Set.of());

        for (int i = 0; i < 5; i++) {
            assertThat(limit.admit(proxy)).isTrue();
            assertThat(off.admit(proxy)).isTrue();
        }
        assertThat(limit.held(proxy)).isZero();
        assertThat(ConnectionsPerAddress.addresses("10.0.0.5, proxy.example, cafe.de, ::1, 300.1.1.1"))
                .as("literal addresses only; a host name is never looked up").containsExactlyInAnyOrder(proxy, InetAddress.getByName("::1"));
    }
}
