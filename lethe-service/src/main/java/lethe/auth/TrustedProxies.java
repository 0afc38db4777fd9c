package lethe.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;

/** The peers whose forwarded identity headers lethe believes. */
public final class TrustedProxies {

    private final List<Cidr> blocks;

    public TrustedProxies(Collection<String> cidrs) {
        this.blocks = cidrs.stream().map(Cidr::parse).toList();
    }

    /** True when the TCP peer (never a forwarded-for header) lies in a trusted block. */
    public boolean trusts(String peerAddress) {
        if (peerAddress == null || peerAddress.isEmpty()) {
            return false;
        }
        String literal = peerAddress.startsWith("[") && peerAddress.endsWith("]")
                ? peerAddress.substring(1, peerAddress.length() - 1) : peerAddress;
        if (!literal.matches("[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?")) {
            return false;
        }
        try {
            InetAddress address = InetAddress.getByName(literal);
            return blocks.stream().anyMatch(block -> block.contains(address));
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
