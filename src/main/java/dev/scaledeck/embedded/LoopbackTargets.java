package dev.scaledeck.embedded;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** Tells loopback URLs from the rest, so generated traffic stays on this machine. Stateless; thread-safe. */
final class LoopbackTargets {

    private LoopbackTargets() {
    }

    /** Whether every address the URL's host names is a loopback address. */
    static boolean isLoopback(URI target) {
        String host = target.getHost();
        if (host == null || host.isEmpty()) {
            return false;
        }
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** @throws IllegalArgumentException naming the target when it is not loopback */
    static void require(URI target) {
        if (!isLoopback(target)) {
            throw new IllegalArgumentException("ambient traffic only goes to this machine, but target " + target
                    + " is not a loopback address (use 127.0.0.1 or localhost)");
        }
    }
}
