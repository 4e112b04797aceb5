package org.opencpm.application.selfservice;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The sign-in codes asked for in the last window, by phone (keyed hash) and by client address, in
 * this node's memory. Every count sits in one queue, oldest first, and leaves it — and the maps —
 * when its window has passed, on the next request: forgetting costs each request only the counts
 * that expired since the one before (no scan of everything), and as no more than
 * {@link SmsLimits#overall()} counts are ever held, neither map can grow past that.
 */
final class CodeRequests {

    private record Asked(Instant at, String phone, String address) {
    }

    private final SmsLimits limits;
    private final Deque<Asked> oldestFirst = new ArrayDeque<>();
    private final Map<String, Integer> byPhone = new HashMap<>();
    private final Map<String, Integer> byAddress = new HashMap<>();

    CodeRequests(SmsLimits limits) {
        this.limits = limits;
    }

    /**
     * Counts one request, or refuses it without counting.
     *
     * @throws TooManyCodesException when the phone, the address or the node has had its codes for this window
     */
    synchronized void count(String phoneHash, String address, Instant now) {
        Instant since = now.minus(limits.window());
        while (!oldestFirst.isEmpty() && !oldestFirst.peekFirst().at().isAfter(since)) {
            Asked gone = oldestFirst.pollFirst();
            byPhone.computeIfPresent(gone.phone(), (k, n) -> n == 1 ? null : n - 1);
            byAddress.computeIfPresent(gone.address(), (k, n) -> n == 1 ? null : n - 1);
        }
        if (oldestFirst.size() >= limits.overall() || byPhone.getOrDefault(phoneHash, 0) >= limits.perPhone()
                || byAddress.getOrDefault(address, 0) >= limits.perAddress()) {
            throw new TooManyCodesException();
        }
        oldestFirst.addLast(new Asked(now, phoneHash, address));
        byPhone.merge(phoneHash, 1, Integer::sum);
        byAddress.merge(address, 1, Integer::sum);
    }

    /** How many phones and addresses are counted now (for tests of the bound). */
    synchronized int tracked() {
        return byPhone.size() + byAddress.size();
    }
}
