package org.opencpm.testfixtures;

import org.opencpm.application.port.out.SubjectShredder;
import org.opencpm.domain.subject.SubjectId;

/** The shredder over the in-memory stores: each forgets its part, as the JPA shredder's DELETEs do. */
public final class InMemorySubjectShredder implements SubjectShredder {

    private final InMemorySubjectStore subjects;
    private final InMemoryConsentStore consents;
    private final InMemoryPreferenceStore preferences;
    private final InMemorySendBudget sendBudget;
    private final InMemoryConfirmationTokens tokens;
    private final InMemoryOutbox outbox;
    private final InMemoryRightsRequestStore requests;
    private final InMemoryIdempotencyStore idempotency;
    private final InMemoryAttachmentStore attachments;

    public InMemorySubjectShredder(InMemorySubjectStore subjects, InMemoryConsentStore consents, InMemoryPreferenceStore preferences,
                                   InMemorySendBudget sendBudget, InMemoryConfirmationTokens tokens, InMemoryOutbox outbox,
                                   InMemoryRightsRequestStore requests, InMemoryIdempotencyStore idempotency,
                                   InMemoryAttachmentStore attachments) {
        this.subjects = subjects;
        this.consents = consents;
        this.preferences = preferences;
        this.sendBudget = sendBudget;
        this.tokens = tokens;
        this.outbox = outbox;
        this.requests = requests;
        this.idempotency = idempotency;
        this.attachments = attachments;
    }

    @Override
    public Shredded shred(SubjectId subject) {
        int identifiers = subjects.forget(subject);
        int consentsGone = consents.forget(subject);
        int preferencesGone = preferences.forget(subject);
        sendBudget.forget(subject);
        tokens.forget(subject);
        int[] changes = outbox.forget(subject);
        requests.scrub(subject);
        idempotency.forget(subject);
        int files = attachments.forget(subject);
        return new Shredded(identifiers, consentsGone, preferencesGone, changes[0], changes[1], files);
    }
}
