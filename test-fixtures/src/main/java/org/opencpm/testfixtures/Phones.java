package org.opencpm.testfixtures;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Mainland mobile numbers for tests that share a database: {@code 135} to {@code 139} and eight
 * digits, each number answered once per JVM. Drawn at random, 1,000 numbers out of 5 × 10⁸ collide
 * once in a thousand runs — a batch test then counted 999 new people of 1,000. Here they walk the
 * space from a random start by a step that has no factor in common with its size (neither 2 nor
 * 5), so they look scattered and do not repeat before 5 × 10⁸ calls.
 */
public final class Phones {

    private static final long SPACE = 500_000_000L;
    private static final long STEP = 7_919_113L;
    private static final AtomicLong NEXT = new AtomicLong(ThreadLocalRandom.current().nextLong(SPACE));

    private Phones() {
    }

    /** A number no other call in this JVM answered, as {@code 13xxxxxxxxx}. */
    public static String unique() {
        long n = Math.floorMod(NEXT.getAndAdd(STEP), SPACE);
        return "13" + (5 + n / 100_000_000L) + String.format(Locale.ROOT, "%08d", n % 100_000_000L);
    }
}
