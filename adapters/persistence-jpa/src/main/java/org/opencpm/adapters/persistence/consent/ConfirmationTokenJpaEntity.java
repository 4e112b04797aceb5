package org.opencpm.adapters.persistence.consent;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code confirmation_token}: a grant waiting for its double opt-in, by the keyed hash of its token. */
@Entity
@Table(name = "confirmation_token")
class ConfirmationTokenJpaEntity {

    @Id
    @Column(name = "token_hash")
    String tokenHash;

    @Column(name = "subject_id", nullable = false)
    String subjectId;

    @Column(name = "purpose", nullable = false)
    String purpose;

    @Column(name = "expires_at", nullable = false)
    long expiresAt;

    protected ConfirmationTokenJpaEntity() {
    }

    ConfirmationTokenJpaEntity(String tokenHash, String subjectId, String purpose, long expiresAt) {
        this.tokenHash = tokenHash;
        this.subjectId = subjectId;
        this.purpose = purpose;
        this.expiresAt = expiresAt;
    }
}
