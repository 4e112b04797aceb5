package org.opencpm.testfixtures;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.opencpm.adapters.decisionindex.MemoryDecisionIndex;
import org.opencpm.adapters.vault.KeyedIdentityVault;
import org.opencpm.adapters.vault.PersonKeyCipher;
import org.opencpm.application.Ports;
import org.opencpm.application.port.out.ConnectorRuntime;
import org.opencpm.application.port.out.ConnectorSubscriptions;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.audit.AuditAnchorService;
import org.opencpm.application.audit.AuditService;
import org.opencpm.application.port.in.AnchorAuditUseCase;
import org.opencpm.application.connector.ConnectorsService;
import org.opencpm.application.consent.ConfirmDoubleOptInService;
import org.opencpm.application.consent.ExpireConsentsService;
import org.opencpm.application.consent.RecordConsentService;
import org.opencpm.application.decision.DecisionIndexLoader;
import org.opencpm.application.decision.DecisionService;
import org.opencpm.application.decision.GateDatasetService;
import org.opencpm.application.decision.SendPermitService;
import org.opencpm.application.decision.WalkConsentersService;
import org.opencpm.application.notice.PublishNoticeService;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.ConfirmDoubleOptInUseCase;
import org.opencpm.application.port.in.DecideUseCase;
import org.opencpm.application.port.in.DefinePurposeCommand;
import org.opencpm.application.port.in.ExpireConsentsUseCase;
import org.opencpm.application.port.in.ExportAuditUseCase;
import org.opencpm.application.port.in.ExportSubjectUseCase;
import org.opencpm.application.port.in.ViewAttachmentUseCase;
import org.opencpm.application.evidence.ViewAttachmentService;
import org.opencpm.application.port.in.FilterAudienceUseCase;
import org.opencpm.application.port.in.GateDatasetUseCase;
import org.opencpm.application.port.in.IssueSendPermitUseCase;
import org.opencpm.application.port.in.SendMessageUseCase;
import org.opencpm.application.messaging.SendMessageService;
import org.opencpm.application.port.out.MessageGateways;
import org.opencpm.application.port.in.LookupSubjectUseCase;
import org.opencpm.application.port.in.ManageApiKeysUseCase;
import org.opencpm.application.port.in.ManageIdentifiersUseCase;
import org.opencpm.application.port.in.ManageRightsRequestsUseCase;
import org.opencpm.application.port.in.MergeSubjectsUseCase;
import org.opencpm.application.rights.RightsRequestService;
import org.opencpm.application.erasure.EraseSubjectService;
import org.opencpm.application.port.in.EraseSubjectUseCase;
import org.opencpm.application.port.in.ManagePreferencesUseCase;
import org.opencpm.application.port.in.ManagePurposesUseCase;
import org.opencpm.application.port.in.PiiController;
import org.opencpm.application.port.in.PublishNoticeCommand;
import org.opencpm.application.port.in.PublishNoticeUseCase;
import org.opencpm.application.port.in.RecordConsentBatchUseCase;
import org.opencpm.application.port.in.RecordConsentUseCase;
import org.opencpm.application.port.in.VerifyAuditUseCase;
import org.opencpm.application.port.in.ViewConsentRecordUseCase;
import org.opencpm.application.port.in.ViewSubjectUseCase;
import org.opencpm.application.port.in.WalkConsentersUseCase;
import org.opencpm.application.port.in.WarmUpDecisionIndexUseCase;
import org.opencpm.application.preference.ManagePreferencesService;
import org.opencpm.application.purpose.ManagePurposesService;
import org.opencpm.application.receipt.ConsentRecordService;
import org.opencpm.application.security.ApiKeyService;
import org.opencpm.application.subject.IdentifiersService;
import org.opencpm.application.subject.MergeSubjectsService;
import org.opencpm.application.subject.ExportSubjectService;
import org.opencpm.application.subject.ViewSubjectService;
import org.opencpm.connectors.runtime.memory.InMemoryDeliveryQueue;
import org.opencpm.domain.decision.SendRules;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;

/**
 * Every use case of OpenCPM wired on in-memory adapters: the application as a test drives it.
 * The adapters stay reachable so a test can look behind the use cases (what reached the outbox,
 * what the audit trail holds) or make a write fail.
 */
public final class InMemoryOpenCpm {

    public static final Instant START = Instant.parse("2026-11-29T02:00:00Z"); // 10:00 in Beijing
    public static final Actor ADMIN = new Actor("key:test-admin");
    /** The PII controller consent records name. */
    public static final PiiController CONTROLLER = new PiiController(
            "示例零售有限公司", Optional.of("privacy@example.cn"), Optional.of("上海市浦东新区示例路 1 号"));

    public final FixedClock clock = new FixedClock(START);
    public final InMemoryTransactions transactions = new InMemoryTransactions();
    public final InMemoryPurposeStore purposeStore = new InMemoryPurposeStore(transactions);
    public final InMemoryNoticeStore noticeStore = new InMemoryNoticeStore(transactions);
    public final InMemorySubjectStore subjectStore = new InMemorySubjectStore(transactions);
    public final InMemoryConsentStore consentStore = new InMemoryConsentStore(transactions);
    public final InMemoryPreferenceStore preferenceStore = new InMemoryPreferenceStore(transactions);
    public final InMemoryAuditTrail auditTrail = new InMemoryAuditTrail(transactions);
    public final InMemoryDeliveryQueue deliveries = new InMemoryDeliveryQueue(clock);
    public final InMemoryOutbox outbox = new InMemoryOutbox(transactions, deliveries);
    /** Which connectors want which changes: none until a test says otherwise. */
    public volatile ConnectorSubscriptions subscriptions = ConnectorSubscriptions.NONE;
    /** The connector runtime the connector use cases see: none until a test puts one in. */
    public volatile ConnectorRuntime connectorRuntime = ConnectorRuntime.NONE;
    /** The send gateways messages go through: none until a test puts some in. */
    public volatile MessageGateways gateways = MessageGateways.NONE;
    public final InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore(transactions);
    public final InMemoryConfirmationTokens confirmationTokens = new InMemoryConfirmationTokens(transactions);
    public final InMemorySendBudget sendBudget = new InMemorySendBudget();
    public final MemoryDecisionIndex decisionIndex = new MemoryDecisionIndex();
    public final InMemoryDecisionLog decisionLog = new InMemoryDecisionLog();
    public final InMemoryApiKeyStore apiKeyStore = new InMemoryApiKeyStore(transactions);
    public final InMemoryRightsRequestStore rightsRequestStore = new InMemoryRightsRequestStore(transactions);
    public final InMemorySubjectStates subjectStates = new InMemorySubjectStates(subjectStore, consentStore, preferenceStore);
    public final KeyedIdentityVault vault = KeyedIdentityVault.withRandomKeys();
    public final InMemorySubjectKeyStore subjectKeyStore = new InMemorySubjectKeyStore(transactions);
    public final InMemoryErasureStore erasureStore = new InMemoryErasureStore(transactions);
    public final InMemoryAttachmentStore attachmentStore = new InMemoryAttachmentStore(transactions);
    public final InMemorySubjectShredder shredder = new InMemorySubjectShredder(subjectStore, consentStore, preferenceStore, sendBudget,
            confirmationTokens, outbox, rightsRequestStore, idempotency, attachmentStore);
    public final PersonKeyCipher personalCipher = PersonKeyCipher.withRandomKeys();
    /** The audit chain's checkpoints, and the key that signs them (a test may rotate it). */
    public final InMemoryAuditCheckpoints checkpoints = new InMemoryAuditCheckpoints();
    public final KeyPairCheckpointSigner checkpointSigner = new KeyPairCheckpointSigner();

    public final Ports ports = new Ports(purposeStore, noticeStore, subjectStore, consentStore, preferenceStore, auditTrail,
            outbox, new ConnectorSubscriptions() {
                    @Override
                    public List<String> subscribersOf(ConsentChange change) {
                        return subscriptions.subscribersOf(change);
                    }

                    @Override
                    public void committed(List<String> connectorIds) {
                        subscriptions.committed(connectorIds);
                    }
                }, deliveries, new DelegatingRuntime(() -> connectorRuntime), idempotency, confirmationTokens, sendBudget, decisionIndex, decisionLog, subjectStates, apiKeyStore, rightsRequestStore, subjectKeyStore, erasureStore, shredder, vault, personalCipher, clock,
            transactions);

    /** The risk alerts: the counters the use cases feed, where alerts are kept and what was sent. */
    public final org.opencpm.application.alert.RiskSignals riskSignals = new org.opencpm.application.alert.RiskSignals();
    public final InMemoryAlertStore alertStore = new InMemoryAlertStore();
    public final List<org.opencpm.domain.alert.Alert> alertsSent = new java.util.concurrent.CopyOnWriteArrayList<>();
    public final org.opencpm.application.alert.AlertService alerts;

    public final RecordConsentUseCase recordConsent;
    public final RecordConsentBatchUseCase recordConsentBatch;
    public final ConfirmDoubleOptInUseCase confirmDoubleOptIn;
    public final LookupSubjectUseCase lookupSubject;
    public final ViewSubjectUseCase viewSubject;
    public final ViewConsentRecordUseCase consentRecords;
    public final ExportSubjectUseCase exportSubject;
    public final ViewAttachmentUseCase viewAttachment;
    public final ManagePurposesUseCase purposes;
    public final PublishNoticeUseCase notices;
    public final ManagePreferencesUseCase preferences;
    public final DecideUseCase decide;
    public final FilterAudienceUseCase filterAudience;
    public final WalkConsentersUseCase consenters;
    public final IssueSendPermitUseCase sendPermits;
    public final SendMessageUseCase sendMessages;
    public final GateDatasetUseCase datasetGate;
    public final ExportAuditUseCase exportAudit;
    public final VerifyAuditUseCase verifyAudit;
    public final AnchorAuditUseCase anchorAudit;
    public final ManageApiKeysUseCase apiKeys;
    public final InMemoryConsoleSessionStore consoleSessionStore = new InMemoryConsoleSessionStore();
    /** Console sessions: 30 minutes idle, 12 hours at most (ADR 0021). */
    public final org.opencpm.application.port.in.ConsoleSessionsUseCase consoleSessions;
    public final ManageRightsRequestsUseCase rightsRequests;
    public final ManageIdentifiersUseCase identifiers;
    public final MergeSubjectsUseCase mergeSubjects;
    public final ConnectorsService connectors;
    public final WarmUpDecisionIndexUseCase warmUp;
    /** Erasure, waiting for connectors at most {@link #ERASURE_WAIT}. */
    public final EraseSubjectUseCase erasure;
    public static final java.time.Duration ERASURE_WAIT = java.time.Duration.ofHours(1);
    public final ExpireConsentsUseCase expireConsents;
    /** The alerts the compliance report lists: none connected until a test puts some in. */
    public volatile org.opencpm.application.port.out.ReportAlerts reportAlerts = new org.opencpm.application.report.StoredReportAlerts(alertStore);
    public final org.opencpm.application.port.in.ComplianceReportUseCase complianceReport;
    /** The key that signs preference-centre links (a test may sign with another to forge one). */
    public final org.opencpm.adapters.vault.SelfTokenKey selfTokenKey = org.opencpm.adapters.vault.SelfTokenKey.random();
    public final org.opencpm.application.selfservice.SelfTokens selfTokens = new org.opencpm.application.selfservice.SelfTokens(selfTokenKey);
    public final org.opencpm.application.port.in.IssuePreferenceLinkUseCase preferenceLinks;
    public final org.opencpm.application.port.in.SelfServiceUseCase selfService;
    /** Sign-in codes go out through the gateway {@code sms-test} of {@link #gateways}, sent before the request returns. */
    public final org.opencpm.application.port.in.SmsSignInUseCase smsSignIn;

    public InMemoryOpenCpm() {
        this(SendRules.DEFAULT);
    }

    /** With the operator's send rules (curfew, default caps) as the distribution would read them from configuration. */
    public InMemoryOpenCpm(SendRules sendRules) {
        RecordConsentService consents = new RecordConsentService(ports, attachmentStore);
        ViewSubjectService subjects = new ViewSubjectService(ports);
        DecisionService decisions = new DecisionService(ports);
        AuditService audit = new AuditService(ports);
        org.opencpm.application.alert.ObservedConsents observedConsents = new org.opencpm.application.alert.ObservedConsents(
                consents, consents, riskSignals, ports.notices(), ports.decisionIndex());
        recordConsent = observedConsents;
        recordConsentBatch = observedConsents;
        confirmDoubleOptIn = new ConfirmDoubleOptInService(ports);
        lookupSubject = subjects;
        viewSubject = subjects;
        consentRecords = new ConsentRecordService(subjects, purposeStore, noticeStore, checkpoints,
                CONTROLLER, clock);
        exportSubject = new ExportSubjectService(ports, attachmentStore);
        viewAttachment = new ViewAttachmentService(ports, attachmentStore);
        purposes = new ManagePurposesService(ports);
        notices = new PublishNoticeService(ports);
        preferences = new ManagePreferencesService(ports);
        decide = decisions;
        filterAudience = decisions;
        consenters = new WalkConsentersService(ports);
        sendPermits = new org.opencpm.application.alert.ObservedSendPermits(new SendPermitService(ports, sendRules), riskSignals);
        sendMessages = new SendMessageService(id -> gateways.gateway(id), sendPermits);
        datasetGate = new GateDatasetService(ports);
        exportAudit = audit;
        AuditAnchorService anchor = new AuditAnchorService(auditTrail, checkpoints, checkpointSigner, transactions, clock);
        verifyAudit = anchor;
        anchorAudit = anchor;
        ApiKeyService keys = new ApiKeyService(ports);
        keys.failures().onFailure(riskSignals::authFailed);
        apiKeys = keys;
        consoleSessions = new org.opencpm.application.security.ConsoleSessionService(consoleSessionStore, apiKeyStore, clock,
                java.time.Duration.ofMinutes(30), java.time.Duration.ofHours(12));
        alerts = new org.opencpm.application.alert.AlertService(org.opencpm.application.alert.AlertSettings.DEFAULT, riskSignals,
                alertStore, alertsSent::add, ports.rightsRequests(), ports.deadLetters(), ports.connectorRuntime(), keys, clock);
        rightsRequests = new RightsRequestService(ports, RightsRequestService.DEFAULT_DEADLINE);
        identifiers = new IdentifiersService(ports);
        mergeSubjects = new MergeSubjectsService(ports);
        connectors = new ConnectorsService(ports, consents);
        warmUp = new DecisionIndexLoader(ports);
        erasure = new EraseSubjectService(ports, ERASURE_WAIT);
        expireConsents = new ExpireConsentsService(ports);
        complianceReport = new org.opencpm.application.report.ComplianceReportService(ports, new DelegatingReportAlerts(() -> reportAlerts));
        preferenceLinks = new org.opencpm.application.selfservice.PreferenceLinkService(subjectStore, erasureStore, clock, selfTokens);
        selfService = new org.opencpm.application.selfservice.SelfServiceService(selfTokens, subjectStore, erasureStore, purposeStore,
                noticeStore, consentStore, rightsRequestStore, clock, new org.opencpm.application.consent.SubjectConsentRecorder(ports),
                preferences, rightsRequests);
        smsSignIn = new org.opencpm.application.selfservice.SmsSignInService(selfTokenKey, selfTokens, lookupSubject, vault,
                id -> gateways.gateway(id), Optional.of("sms-test"), Optional.of("SMS_CODE"), Runnable::run, clock);
    }

    /** Defines purposes, as an administrator would. */
    public InMemoryOpenCpm withPurposes(Purpose... purposes) {
        for (Purpose purpose : purposes) {
            this.purposes.define(new DefinePurposeCommand(purpose, ADMIN));
        }
        return this;
    }

    /** Publishes a notice version covering {@code covers}, with generated text. */
    public Notice publish(String code, String version, boolean material, Purpose... covers) {
        Set<PurposeCode> purposes = Arrays.stream(covers).map(Purpose::code).collect(Collectors.toSet());
        return notices.publish(new PublishNoticeCommand(NoticeRef.of(code, version), "zh-CN", "隐私政策 " + version,
                Optional.of("我们如何处理您的个人信息 (" + code + " " + version + ")"), Optional.empty(), purposes, material, ADMIN)).notice();
    }

    /** The personal data sealed in {@code event}, opened with its subject's key (empty once erased). */
    public java.util.Map<String, String> personalOf(org.opencpm.domain.audit.AuditEvent event) {
        return ports.personalData().open(event).data();
    }
}
