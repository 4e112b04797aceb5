package org.opencpm.plugins.crmwebhook;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Locale;
import java.util.Map;
import org.opencpm.connectors.api.ChangeBatch;
import org.opencpm.connectors.api.ConsentChange;
import org.opencpm.connectors.api.PreferenceSnapshot;
import org.opencpm.connectors.api.SubjectIdentifier;

/**
 * Consent changes as CloudEvents 1.0 (structured mode): {@code type}
 * {@code org.opencpm.consent.changed} (or {@code org.opencpm.preferences.changed}, or
 * {@code org.opencpm.subject.erased} when the person is being erased and the CRM must delete what it
 * holds of them, PIPL Art. 47), {@code subject}
 * the subject id, {@code id} unique per delivery, and {@code data}
 * {@code {subjectId, purpose, state, version, occurredAt, erasureDue, identifiers:[{type,value}]}}.
 */
final class CloudEvents {

    static final String CONSENT_CHANGED = "org.opencpm.consent.changed";
    static final String PREFERENCES_CHANGED = "org.opencpm.preferences.changed";
    static final String SUBJECT_ERASED = "org.opencpm.subject.erased";
    static final String SINGLE = "application/cloudevents+json";
    static final String BATCH = "application/cloudevents-batch+json";

    private final JsonBuilderFactory json;
    private final String source;

    CloudEvents(JsonBuilderFactory json, String source) {
        this.json = json;
        this.source = source;
    }

    String single(ConsentChange change) {
        return event(change).toString();
    }

    String batch(ChangeBatch batch) {
        JsonArrayBuilder events = json.createArrayBuilder();
        batch.changes().forEach(change -> events.add(event(change)));
        return events.build().toString();
    }

    JsonObject event(ConsentChange change) {
        JsonObjectBuilder data = json.createObjectBuilder()
                .add("subjectId", change.subjectId())
                .add("kind", change.kind().name().toLowerCase(Locale.ROOT))
                .add("version", change.version())
                .add("occurredAt", change.occurredAt().toString())
                .add("erasureDue", change.erasureDue());
        change.purpose().ifPresent(purpose -> data.add("purpose", purpose));
        change.state().ifPresent(state -> data.add("state", state.code()));
        JsonArrayBuilder identifiers = json.createArrayBuilder();
        for (SubjectIdentifier identifier : change.identifiers()) {
            JsonObjectBuilder id = json.createObjectBuilder().add("type", identifier.type()).add("value", identifier.value());
            identifier.scope().ifPresent(scope -> id.add("scope", scope));
            identifiers.add(id);
        }
        data.add("identifiers", identifiers);
        if (change.kind() == ConsentChange.Kind.PREFERENCES) {
            data.add("preferences", preferences(change.preferences()));
        }
        return json.createObjectBuilder()
                .add("specversion", "1.0")
                .add("type", switch (change.kind()) {
                    case CONSENT -> CONSENT_CHANGED;
                    case PREFERENCES -> PREFERENCES_CHANGED;
                    case ERASURE -> SUBJECT_ERASED;
                })
                .add("source", source)
                .add("id", "opencpm-delivery-" + change.deliveryId())
                .add("time", change.occurredAt().toString())
                .add("subject", change.subjectId())
                .add("datacontenttype", "application/json")
                .add("data", data)
                .build();
    }

    private JsonObjectBuilder preferences(PreferenceSnapshot p) {
        JsonObjectBuilder topics = json.createObjectBuilder();
        p.topics().forEach(topics::add);
        JsonObjectBuilder channels = json.createObjectBuilder();
        for (Map.Entry<String, PreferenceSnapshot.Channel> e : p.channels().entrySet()) {
            JsonObjectBuilder channel = json.createObjectBuilder().add("enabled", e.getValue().enabled());
            e.getValue().maxPerMonth().ifPresent(n -> channel.add("maxPerMonth", n));
            e.getValue().maxPerWeek().ifPresent(n -> channel.add("maxPerWeek", n));
            e.getValue().maxPerDay().ifPresent(n -> channel.add("maxPerDay", n));
            channels.add(e.getKey(), channel);
        }
        JsonObjectBuilder out = json.createObjectBuilder().add("topics", topics).add("channels", channels);
        p.quietHours().ifPresent(q -> out.add("quietHours", q));
        p.language().ifPresent(language -> out.add("language", language));
        return out;
    }
}
