package org.opencpm.domain.decision;

import java.util.Optional;
import org.opencpm.domain.Checks;
import org.opencpm.domain.preference.ContactChannel;

/** The circumstances of a use beyond its purpose: the channel, the topic, who receives the data. */
public record UsageRequest(Optional<ContactChannel> channel, Optional<String> topic, Optional<String> recipient) {

    public static final UsageRequest ANY = new UsageRequest(Optional.empty(), Optional.empty(), Optional.empty());

    public UsageRequest {
        Checks.required(channel, "channel");
        Checks.required(topic, "topic").ifPresent(t -> Checks.singleLine(t, "topic"));
        Checks.required(recipient, "recipient").ifPresent(r -> Checks.singleLine(r, "recipient"));
    }

    public static UsageRequest on(ContactChannel channel) {
        return new UsageRequest(Optional.of(channel), Optional.empty(), Optional.empty());
    }

    public UsageRequest aboutTopic(String topic) {
        return new UsageRequest(channel, Optional.of(topic), recipient);
    }

    public UsageRequest forRecipient(String recipient) {
        return new UsageRequest(channel, topic, Optional.of(recipient));
    }
}
