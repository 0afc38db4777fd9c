package lethe.auth;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CidrTest {

    @Test
    void matchesAddressesInsideTheBlockOnly() throws Exception {
        Cidr block = Cidr.parse("10.1.0.0/17");

        assertThat(block.contains(InetAddress.getByName("10.1.127.255"))).isTrue();
        assertThat(block.contains(InetAddress.getByName("10.1.128.0"))).isFalse();
        assertThat(block.contains(InetAddress.getByName("::1"))).isFalse();
    }

    @Test
    void aBareAddressIsASingleHost() throws Exception {
        assertThat(Cidr.parse("::1").contains(InetAddress.getByName("::1"))).isTrue();
        assertThat(Cidr.parse("127.0.0.1").contains(InetAddress.getByName("127.0.0.2"))).isFalse();
    }

    @Test
    void namesAndBadPrefixesAreRefused() {
        assertThatThrownBy(() -> Cidr.parse("proxy.local/32")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void trustedProxiesUseTheLiteralPeerAddress() {
        TrustedProxies proxies = new TrustedProxies(List.of("127.0.0.1/32", "::1/128"));

        assertThat(proxies.trusts("127.0.0.1")).isTrue();
        assertThat(proxies.trusts("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(proxies.trusts("[::1]")).isTrue();
        assertThat(proxies.trusts("192.168.1.5")).isFalse();
        assertThat(proxies.trusts("localhost")).isFalse();
        assertThat(proxies.trusts(null)).isFalse();
    }
}
