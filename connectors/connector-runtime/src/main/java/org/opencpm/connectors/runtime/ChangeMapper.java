package org.opencpm.connectors.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.connectors.api.PreferenceSnapshot;
import org.opencpm.domain.preference.ChannelPreference;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.PurposeCode;

/** Turns a delivery into the connector API's own {@link org.opencpm.connectors.api.ConsentChange}: the plugin never sees the domain. */
final class ChangeMapper {

    private ChangeMapper() {
    }

    static org.opencpm.connectors.api.ConsentChange toApi(Delivery delivery, IdentifierResolver identifiers, Set<String> types) {
        ConsentChange c = delivery.change();
        return new org.opencpm.connectors.api.ConsentChange(
                delivery.id(),
                c.subject().value(),
                switch (c.kind()) {
                    case CONSENT -> org.opencpm.connectors.api.ConsentChange.Kind.CONSENT;
                    case PREFERENCES -> org.opencpm.connectors.api.ConsentChange.Kind.PREFERENCES;
                    case ERASURE -> org.opencpm.connectors.api.ConsentChange.Kind.ERASURE;
                },
                c.purpose().map(PurposeCode::value),
                c.state().map(s -> org.opencpm.connectors.api.ConsentChange.State.valueOf(s.name())),
                c.version(),
                c.occurredAt(),
                c.erasureDue(),
                identifiers.identifiersOf(c.subject().value(), types),
                snapshot(c.preferences()));
    }

    static PreferenceSnapshot snapshot(Preferences p) {
        Map<String, PreferenceSnapshot.Channel> channels = new LinkedHashMap<>();
        for (Map.Entry<ContactChannel, ChannelPreference> e : p.channels().entrySet()) {
            ChannelPreference pref = e.getValue();
            channels.put(e.getKey().code(), new PreferenceSnapshot.Channel(pref.enabled(), pref.cap().maxPerMonth(),
                    pref.cap().maxPerWeek(), pref.cap().maxPerDay()));
        }
        Optional<String> quiet = p.quietHours().map(q -> q.start() + "-" + q.end() + " " + q.zone().getId());
        return new PreferenceSnapshot(p.topics(), channels, quiet, p.language());
    }
}
