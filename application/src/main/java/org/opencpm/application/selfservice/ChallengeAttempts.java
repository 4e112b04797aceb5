package org.opencpm.application.selfservice;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Tries per challenge, in this node's memory, only for challenges this server issued (the caller
 * checks the challenge's tag first, so made-up ids are never counted). Each challenge's count goes
 * when its challenge expires: a queue ordered by expiry gives the spent ones without a scan.
 */
final class ChallengeAttempts {

    private static final class Tries {
        final String id;
        final long expiry;
        int count;
        boolean opened;

        Tries(String id, long expiry) {
            this.id = id;
            this.expiry = expiry;
        }
    }

    private final int maxTracked;
    private final Map<String, Tries> byId = new HashMap<>();
    private final PriorityQueue<Tries> byExpiry = new PriorityQueue<>(Comparator.comparingLong((Tries t) -> t.expiry));

    ChallengeAttempts(int maxTracked) {
        this.maxTracked = maxTracked;
    }

    /**
     * Counts one try at challenge {@code id}.
     *
     * @return the tries so far, this one included
     * @throws TooManyCodesException when {@code maxTracked} live challenges are counted already
     *                               (fail closed rather than forget anyone's count)
     */
    synchronized int tryOnce(String id, long expiry, long nowSecond) {
        while (!byExpiry.isEmpty() && byExpiry.peek().expiry <= nowSecond) {
            byId.remove(byExpiry.poll().id);
        }
        Tries tries = byId.get(id);
        if (tries == null) {
            if (byId.size() >= maxTracked) {
                throw new TooManyCodesException();
            }
            tries = new Tries(id, expiry);
            byId.put(id, tries);
            byExpiry.add(tries);
        }
        return ++tries.count;
    }

    /**
     * The challenge opens no more: any further try is over the limit.
     *
     * @return whether this call opened it: false when another try with the right code got there first
     *         (two at once must not both get a session)
     */
    synchronized boolean open(String id, int limit) {
        Tries tries = byId.get(id);
        if (tries == null || tries.opened) {
            return false;
        }
        tries.opened = true;
        tries.count = Math.max(tries.count, limit);
        return true;
    }

    synchronized int tracked() {
        return byId.size();
    }
}
