package org.opencpm.demo;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every call the simulators received, accepted or refused, in the order they arrived: what the
 * simulators' page shows. A call names the platform, what it did ({@code kind}, a key the page
 * translates), the pseudonymous user it was about (an openid, a phone's hash, a masked number:
 * what the platform itself sees) and, when refused, the platform's error code. Bounded: the oldest
 * calls go once {@link #LIMIT} are kept, so a long-running demo does not grow without end.
 */
final class CallLog {

    static final int LIMIT = 2000;

    /** One call. {@code users} are pseudonymous; {@code details} are shown as they are (tag names, counts). */
    record Call(long seq, Instant at, String platform, String kind, List<String> users, Map<String, String> details,
                boolean accepted, String code) {

        JsonObject toJson() {
            JsonArrayBuilder who = Json.createArrayBuilder();
            users.forEach(who::add);
            JsonObjectBuilder what = Json.createObjectBuilder();
            details.forEach(what::add);
            return Json.createObjectBuilder().add("seq", seq).add("at", at.toString()).add("platform", platform).add("kind", kind)
                    .add("users", who).add("details", what).add("accepted", accepted).add("code", code == null ? "" : code).build();
        }
    }

    private final Clock clock;
    private final List<Call> calls = new ArrayList<>();
    private long next = 1;

    CallLog(Clock clock) {
        this.clock = clock;
    }

    /** Records an accepted call. */
    synchronized Call accepted(String platform, String kind, List<String> users, Map<String, String> details) {
        return add(platform, kind, users, details, true, null);
    }

    /** Records a call the platform refused, with the error code it answered. */
    synchronized Call refused(String platform, String kind, List<String> users, Map<String, String> details, String code) {
        return add(platform, kind, users, details, false, code);
    }

    private Call add(String platform, String kind, List<String> users, Map<String, String> details, boolean accepted, String code) {
        Call call = new Call(next++, clock.instant(), platform, kind, List.copyOf(users), Map.copyOf(details), accepted, code);
        calls.add(call);
        if (calls.size() > LIMIT) {
            calls.removeFirst();
        }
        return call;
    }

    /** The calls after sequence number {@code after}, oldest first. */
    synchronized List<Call> after(long after) {
        return calls.stream().filter(c -> c.seq() > after).toList();
    }
}
