package org.opencpm.application;

import java.util.Objects;
import org.opencpm.application.port.out.ApiKeyStore;
import org.opencpm.application.port.out.AuditTrail;
import org.opencpm.application.port.out.Clock;
import org.opencpm.application.port.out.ConfirmationTokens;
import org.opencpm.application.port.out.ConnectorRuntime;
import org.opencpm.application.port.out.ConnectorSubscriptions;
import org.opencpm.application.port.out.ConsentStore;
import org.opencpm.application.port.out.DeadLetters;
import org.opencpm.application.port.out.DecisionIndex;
import org.opencpm.application.port.out.DecisionLog;
import org.opencpm.application.port.out.IdempotencyStore;
import org.opencpm.application.port.out.IdentityVault;
import org.opencpm.application.port.out.NoticeStore;
import org.opencpm.application.port.out.Outbox;
import org.opencpm.application.port.out.PreferenceStore;
import org.opencpm.application.port.out.PurposeStore;
import org.opencpm.application.port.out.RightsRequestStore;
import org.opencpm.application.port.out.SendBudget;
import org.opencpm.application.port.out.SubjectStateSource;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.application.port.out.SubjectKeyStore;
import org.opencpm.application.port.out.ErasureStore;
import org.opencpm.application.port.out.SubjectShredder;
import org.opencpm.application.port.out.PersonalCipher;
import org.opencpm.application.audit.PersonalData;
import org.opencpm.application.audit.SealingAuditTrail;
import org.opencpm.application.port.out.Transactions;

/**
 * Every outbound port the application services use, as one adapter set provides them (JPA and
 * the decision index in production, in-memory in tests). Services take what they need from it.
 * The delivery queue's other two sides are not here: its dispatchers ({@link
 * org.opencpm.application.port.out.DeliveryQueue}) and its housekeeping ({@link
 * org.opencpm.application.port.out.DeliveryRetention}) are the connector runtime's, wired to it
 * directly.
 *
 * <p>{@link #audit()} is always a {@link SealingAuditTrail} over the stored trail given: whatever
 * personal data a service puts in an audit draft is sealed under its subject's key
 * ({@link #subjectKeys()}, {@link #personalCipher()}) before it joins the chain.
 */
public record Ports(
        PurposeStore purposes,
        NoticeStore notices,
        SubjectStore subjects,
        ConsentStore consents,
        PreferenceStore preferences,
        AuditTrail audit,
        Outbox outbox,
        ConnectorSubscriptions subscriptions,
        DeadLetters deadLetters,
        ConnectorRuntime connectorRuntime,
        IdempotencyStore idempotency,
        ConfirmationTokens confirmationTokens,
        SendBudget sendBudget,
        DecisionIndex decisionIndex,
        DecisionLog decisionLog,
        SubjectStateSource subjectStates,
        ApiKeyStore apiKeys,
        RightsRequestStore rightsRequests,
        SubjectKeyStore subjectKeys,
        ErasureStore erasures,
        SubjectShredder shredder,
        IdentityVault vault,
        PersonalCipher personalCipher,
        Clock clock,
        Transactions transactions) {

    public Ports {
        Objects.requireNonNull(purposes, "purposes");
        Objects.requireNonNull(notices, "notices");
        Objects.requireNonNull(subjects, "subjects");
        Objects.requireNonNull(consents, "consents");
        Objects.requireNonNull(preferences, "preferences");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(subscriptions, "subscriptions");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(connectorRuntime, "connectorRuntime");
        Objects.requireNonNull(idempotency, "idempotency");
        Objects.requireNonNull(confirmationTokens, "confirmationTokens");
        Objects.requireNonNull(sendBudget, "sendBudget");
        Objects.requireNonNull(decisionIndex, "decisionIndex");
        Objects.requireNonNull(decisionLog, "decisionLog");
        Objects.requireNonNull(subjectStates, "subjectStates");
        Objects.requireNonNull(apiKeys, "apiKeys");
        Objects.requireNonNull(rightsRequests, "rightsRequests");
        Objects.requireNonNull(subjectKeys, "subjectKeys");
        Objects.requireNonNull(erasures, "erasures");
        Objects.requireNonNull(shredder, "shredder");
        Objects.requireNonNull(vault, "vault");
        Objects.requireNonNull(personalCipher, "personalCipher");
        if (!(audit instanceof SealingAuditTrail)) {
            audit = new SealingAuditTrail(audit, new PersonalData(subjectKeys, personalCipher, erasures));
        }
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(transactions, "transactions");
    }

    /** Opens (and seals) personal data in audit events with each subject's key. */
    public PersonalData personalData() {
        return new PersonalData(subjectKeys, personalCipher);
    }
}
