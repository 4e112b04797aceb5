package org.opencpm.domain;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * UUIDs laid out as RFC 9562's version 7: the first 48 bits are the time in milliseconds, the
 * remaining 74 (after version and variant) random. Written out, later ones sort after earlier
 * ones (to the millisecond), so that rows keyed by them are inserted at the right-hand end of a
 * B-tree index instead of on a random page of it: a database that writes each changed page at
 * commit (H2) writes a few pages per commit instead of one per row (ADR 0017). Still 74 random
 * bits: not guessable, and unique without coordination between nodes.
 */
public final class TimeOrderedUuid {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedUuid() {
    }

    public static UUID next() {
        return at(System.currentTimeMillis());
    }

    static UUID at(long epochMillis) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long randA = ((random[0] & 0xffL) << 4 | (random[1] & 0xf0L) >> 4) & 0xfffL;
        long msb = (epochMillis & 0xffff_ffff_ffffL) << 16 | 0x7000L | randA;
        long lsb = 0;
        for (int i = 2; i < 10; i++) {
            lsb = lsb << 8 | (random[i] & 0xffL);
        }
        lsb = lsb & 0x3fff_ffff_ffff_ffffL | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
