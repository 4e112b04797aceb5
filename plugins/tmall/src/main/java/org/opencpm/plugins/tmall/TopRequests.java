package org.opencpm.plugins.tmall;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.opencpm.connectors.api.ConsentChange;
import org.opencpm.connectors.api.IdentifierType;
import org.opencpm.connectors.api.SubjectIdentifier;

/**
 * The TOP call that carries one consent change: a grant takes the member out of the opt-out group
 * ({@code optInMethod}), any other state — withdrawn, denied, expired, or a grant still pending —
 * puts them in ({@code optOutMethod}). System parameters ({@code method}, {@code app_key},
 * {@code session}, {@code timestamp} in Beijing time, {@code format=json}, {@code v=2.0},
 * {@code sign_method}) and business parameters ({@code group_ids}, {@code ouids}) are signed together
 * and all sent in the form body, never in the URL, so that the session key stays out of every URL
 * the host may log.
 */
final class TopRequests {

    /** TOP's {@code timestamp} is GMT+8, whatever the host's zone. */
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(BEIJING);
    static final String FORM = "application/x-www-form-urlencoded;charset=utf-8";

    private final TmallSettings settings;
    private final Clock clock;

    TopRequests(TmallSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The signed form body for {@code change}; empty when there is nothing to tell TOP: a change of
     * preferences (TOP keeps no preferences), or a subject without a Tmall ouid.
     */
    Optional<String> formFor(ConsentChange change) {
        List<String> ouids = change.identifiers().stream().filter(id -> id.type().equals(IdentifierType.TMALL_OUID.code()))
                .map(SubjectIdentifier::value).distinct().toList();
        if (change.kind() != ConsentChange.Kind.CONSENT || change.state().isEmpty() || ouids.isEmpty()) {
            return Optional.empty();
        }
        boolean optIn = change.state().get() == ConsentChange.State.GRANTED;
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("method", optIn ? settings.optInMethod() : settings.optOutMethod());
        parameters.put("app_key", settings.appKey());
        parameters.put("session", settings.session());
        parameters.put("timestamp", TIMESTAMP.format(clock.instant()));
        parameters.put("format", "json");
        parameters.put("v", "2.0");
        parameters.put("sign_method", settings.signMethod().code());
        parameters.put(settings.groupParam(), settings.groupId());
        parameters.put(settings.memberParam(), String.join(",", ouids));
        parameters.put("sign", settings.signMethod().sign(parameters, settings.appSecret()));
        return Optional.of(parameters.entrySet().stream()
                .map(p -> URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
    }
}
