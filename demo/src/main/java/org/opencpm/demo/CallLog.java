package org.opencpm.demo;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every call the simulators received, accepted or refused, in the order they arrived: what the
 * simulators' page shows. A call names the platform, what it did ({@code kind}, a key the page
 * translates), the pseudonymous user it was about (an openid, a phone's hash, a masked number:
 * what the platform itself sees) and, when refused, the platform's error code. Bounded: the oldest
 * calls go once {@link #LIMIT} are kept, so a long-running demo does not grow without end. Calls
 * refused before the caller proved who it is (no valid token or signature, an unknown path) are
 * kept apart, the last {@link #UNAUTHENTICATED_LIMIT} of them: anyone on the machine can send those,
 * and a stream of them would otherwise push the plugins' real calls out of the log.
 */
final class CallLog {

    static final int LIMIT = 2000;
    static final int UNAUTHENTICATED_LIMIT = 200;

    /**
     * One call. {@code users} are pseudonymous; {@code details} are shown as they are (tag names, counts);
     * {@code authenticated} is false for a call refused before the caller proved who it is.
     */
    record Call(long seq, Instant at, String platform, String kind, List<String> users, Map<String, String> details,
                boolean accepted, boolean authenticated, String code) {

        JsonObject toJson() {
            JsonArrayBuilder who = Json.createArrayBuilder();
            users.forEach(who::add);
            JsonObjectBuilder what = Json.createObjectBuilder();
            details.forEach(what::add);
            return Json.createObjectBuilder().add("seq", seq).add("at", at.toString()).add("platform", platform).add("kind", kind)
                    .add("users", who).add("details", what).add("accepted", accepted).add("authenticated", authenticated)
                    .add("code", code == null ? "" : code).build();
        }
    }

    private final Clock clock;
    private final Deque<Call> calls = new ArrayDeque<>();
    private final Deque<Call> unauthenticated = new ArrayDeque<>();
    private long next = 1;

    CallLog(Clock clock) {
        this.clock = clock;
    }

    /** Records an accepted call. */
    synchronized Call accepted(String platform, String kind, List<String> users, Map<String, String> details) {
        return add(calls, LIMIT, new Call(next++, clock.instant(), platform, kind, List.copyOf(users), Map.copyOf(details), true, true, null));
    }

    /** Records a call of an authenticated caller that the platform refused, with the error code it answered. */
    synchronized Call refused(String platform, String kind, List<String> users, Map<String, String> details, String code) {
        return add(calls, LIMIT, new Call(next++, clock.instant(), platform, kind, List.copyOf(users), Map.copyOf(details), false, true, code));
    }

    /** Records a call refused before its caller proved who it is (kept apart: it cannot push out the calls above). */
    synchronized Call refusedUnauthenticated(String platform, String kind, Map<String, String> details, String code) {
        return add(unauthenticated, UNAUTHENTICATED_LIMIT,
                new Call(next++, clock.instant(), platform, kind, List.of(), Map.copyOf(details), false, false, code));
    }

    private static Call add(Deque<Call> log, int limit, Call call) {
        log.addLast(call);
        if (log.size() > limit) {
            log.removeFirst();
        }
        return call;
    }

    /** The calls after sequence number {@code after}, both kinds in the order they arrived, oldest first. */
    synchronized List<Call> after(long after) {
        return Stream.concat(calls.stream(), unauthenticated.stream()).filter(c -> c.seq() > after)
                .sorted(Comparator.comparingLong(Call::seq)).toList();
    }
}
