package org.opencpm.connectors.testkit.fake;

import java.util.List;
import java.util.Optional;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.connectors.api.SubjectIdentifier;
import org.opencpm.connectors.runtime.RedeliveryPolicy;
import org.opencpm.domain.consent.ConsentState;

/**
 * A kit type that shows core types to partners — a method taking a domain enum, one returning
 * application records inside generics, a protected field of a runtime type — next to core types
 * kept private, which are allowed: what the partner-facing rule must catch, and only that.
 */
public class LeakyKitType {

    protected RedeliveryPolicy policy;

    private ConsentState hidden;

    public void enqueue(String subjectId, ConsentState state) {
        hidden = state;
    }

    public Optional<List<Delivery>> deliveries() {
        return Optional.empty();
    }

    public SubjectIdentifier identifier() {
        return SubjectIdentifier.of("phone", hidden == null ? "+8613800138000" : "+8613800138001");
    }
}
