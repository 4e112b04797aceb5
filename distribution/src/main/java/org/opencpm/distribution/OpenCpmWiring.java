package org.opencpm.distribution;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.opencpm.adapters.decisionindex.MemoryDecisionIndex;
import org.opencpm.adapters.persistence.JpaPersistence;
import org.opencpm.adapters.vault.KeyedIdentityVault;
import org.opencpm.adapters.vault.PersonKeyCipher;
import org.opencpm.adapters.vault.Secrets;
import org.opencpm.adapters.vault.VaultKeys;
import org.opencpm.application.Ports;
import org.opencpm.application.alert.AlertService;
import org.opencpm.application.alert.AlertSettings;
import org.opencpm.application.alert.ObservedConsents;
import org.opencpm.application.alert.ObservedSendPermits;
import org.opencpm.application.alert.RiskSignals;
import org.opencpm.application.port.in.ListAlertsUseCase;
import org.opencpm.application.port.in.ReportRiskUseCase;
import org.opencpm.application.audit.AuditAnchorService;
import org.opencpm.application.audit.AuditService;
import org.opencpm.application.connector.ConnectorsService;
import org.opencpm.application.consent.ConfirmDoubleOptInService;
import org.opencpm.application.consent.ExpireConsentsService;
import org.opencpm.application.retention.RetentionService;
import org.opencpm.application.consent.RecordConsentService;
import org.opencpm.application.decision.DecisionIndexLoader;
import org.opencpm.application.decision.DecisionService;
import org.opencpm.application.decision.FollowCommitsService;
import org.opencpm.application.decision.GateDatasetService;
import org.opencpm.application.decision.SendPermitService;
import org.opencpm.application.notice.PublishNoticeService;
import org.opencpm.application.port.in.ConfirmDoubleOptInUseCase;
import org.opencpm.application.port.in.DecideUseCase;
import org.opencpm.application.port.in.EraseSubjectUseCase;
import org.opencpm.application.port.in.ExpireConsentsUseCase;
import org.opencpm.application.port.in.AnchorAuditUseCase;
import org.opencpm.application.port.in.ExportAuditUseCase;
import org.opencpm.application.port.in.FilterAudienceUseCase;
import org.opencpm.application.port.in.GateDatasetUseCase;
import org.opencpm.application.port.in.IssueSendPermitUseCase;
import org.opencpm.application.port.in.LookupSubjectUseCase;
import org.opencpm.application.port.in.EraseSubjectUseCase;
import org.opencpm.application.erasure.EraseSubjectService;
import org.opencpm.application.port.in.ManageApiKeysUseCase;
import org.opencpm.application.port.in.ManageIdentifiersUseCase;
import org.opencpm.application.port.in.ManageRightsRequestsUseCase;
import org.opencpm.application.port.in.MergeSubjectsUseCase;
import org.opencpm.application.port.in.ManageConnectorsUseCase;
import org.opencpm.application.port.in.ReceiveCallbackUseCase;
import org.opencpm.application.port.in.ManagePreferencesUseCase;
import org.opencpm.application.port.in.ManagePurposesUseCase;
import org.opencpm.application.port.in.PublishNoticeUseCase;
import org.opencpm.application.port.in.RecordConsentBatchUseCase;
import org.opencpm.application.port.in.RecordConsentUseCase;
import org.opencpm.application.port.in.VerifyAuditUseCase;
import org.opencpm.application.port.in.PiiController;
import org.opencpm.application.port.in.ViewConsentRecordUseCase;
import org.opencpm.application.port.in.ViewSubjectUseCase;
import org.opencpm.application.port.in.ExportSubjectUseCase;
import org.opencpm.application.port.in.ViewAttachmentUseCase;
import org.opencpm.application.evidence.ViewAttachmentService;
import org.opencpm.application.port.in.WarmUpDecisionIndexUseCase;
import org.opencpm.application.preference.ManagePreferencesService;
import org.opencpm.application.purpose.ManagePurposesService;
import org.opencpm.application.rights.RightsRequestService;
import org.opencpm.application.security.ApiKeyService;
import org.opencpm.application.security.ConsoleSessionService;
import org.opencpm.application.port.in.ConsoleSessionsUseCase;
import org.opencpm.application.security.FailedAuthentications;
import org.opencpm.application.subject.IdentifiersService;
import org.opencpm.application.subject.MergeSubjectsService;
import org.opencpm.application.receipt.ConsentRecordService;
import org.opencpm.application.subject.ViewSubjectService;
import org.opencpm.application.subject.ExportSubjectService;
import org.opencpm.connectors.runtime.ConnectorHost;
import org.opencpm.application.port.in.SendMessageUseCase;
import org.opencpm.application.messaging.SendMessageService;
import org.opencpm.connectors.runtime.InboundCommands;
import org.opencpm.connectors.runtime.RuntimeSettings;
import org.opencpm.connectors.runtime.VaultIdentifierResolver;
import org.opencpm.application.decision.WalkConsentersService;
import org.opencpm.domain.decision.SendRules;
import org.opencpm.application.port.in.IssuePreferenceLinkUseCase;
import org.opencpm.application.port.in.SelfServiceUseCase;
import org.opencpm.application.port.in.SmsSignInUseCase;

/**
 * Puts OpenCPM together at start: the data folder, the database (migrated), the identity vault,
 * the decision index (filled from the database before traffic, then following every node's commits),
 * the first admin key; then every
 * use case, produced for the REST resources. Nothing here decides anything: it only connects.
 */
@ApplicationScoped
public class OpenCpmWiring {

    /** Where the generated first admin key is written, inside the data folder. */
    public static final String INITIAL_ADMIN_KEY_FILE = "initial-admin-key";

    private static final Logger LOG = Logger.getLogger(OpenCpmWiring.class.getName());

    private final JpaPersistence persistence;
    private final Ports ports;
    private final MemoryDecisionIndex index = new MemoryDecisionIndex();
    private volatile boolean ready;

    private final RecordConsentService consents;
    private final ViewSubjectService subjects;
    private final ConsentRecordService consentRecords;
    private final ExportSubjectService exportSubject;
    private final DecisionService decisions;
    private final AuditService audit;
    private final AuditAnchorService anchor;
    private final ApiKeyService apiKeys;
    private final RightsRequestService rightsRequests;
    private final ConnectorHost connectorHost;
    private final ConnectorsService connectors;
    private final SendRules sendRules;
    private final EraseSubjectService erasures;
    private final ExpiryRuns expiryRuns;
    private final RetentionRuns retentionRuns;
    private final PeriodicJobs jobs;
    private final DecisionIndexFollowing following;
    private final RiskSignals riskSignals;
    private final AlertService alerts;
    private final ObservedConsents observedConsents;
    private final ManagePreferencesService preferenceService;
    private final PreferenceCentreWiring preferenceCentre;
    private final ConsoleSessionService consoleSessions;

    @Inject
    public OpenCpmWiring(Config config) {
        ServerSettings settings = ServerSettings.from(config);
        this.sendRules = SendSettings.from(config);
        LOG.info(() -> SendSettings.describe(sendRules));
        Path data = settings.dataDir();
        try {
            Secrets.createPrivateDirectory(data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + data, e);
        }
        LOG.info(() -> "OpenCPM data folder: " + data + "; database: " + settings.database());
        this.persistence = JpaPersistence.start(settings.database());
        VaultKeys vaultKeys = settings.vaultKeys().orElseGet(() -> VaultKeys.loadOrCreate(data.resolve("secrets")));
        KeyedIdentityVault vault = new KeyedIdentityVault(vaultKeys);
        SystemClock clock = new SystemClock();
        this.connectorHost = startConnectors(settings.connectors(), vault);
        this.ports = new Ports(persistence.purposes(), persistence.notices(), persistence.subjects(), persistence.consents(),
                persistence.preferences(), persistence.audit(), persistence.outbox(), connectorHost, persistence.deadLetters(),
                connectorHost, persistence.idempotency(),
                persistence.confirmationTokens(), persistence.sendBudget(), index, persistence.decisionLog(),
                persistence.subjectStates(), persistence.apiKeys(), persistence.rightsRequests(), persistence.subjectKeys(), persistence.erasures(),
                persistence.shredder(), vault,
                new PersonKeyCipher(vaultKeys), clock, persistence.transactions());
        this.consents = new RecordConsentService(ports, persistence.attachments());
        this.subjects = new ViewSubjectService(ports);
        PiiController controller = ControllerSettings.from(config);
        LOG.info(() -> ControllerSettings.describe(controller));
        this.consentRecords = new ConsentRecordService(subjects, ports.purposes(), ports.notices(), persistence.checkpoints(),
                controller, clock);
        this.exportSubject = new ExportSubjectService(ports, persistence.attachments());
        this.decisions = new DecisionService(ports);
        this.audit = new AuditService(ports);
        AuditSettings auditSettings = AuditSettings.from(config);
        this.anchor = new AuditAnchorService(ports.audit(), persistence.checkpoints(),
                CheckpointKeyFiles.loadOrCreate(data.resolve("secrets"), auditSettings.keyFile()), persistence.transactions(), clock);
        this.apiKeys = new ApiKeyService(ports, AuthenticationSettings.from(config), AuthenticationSettings.keyCache(config, settings.database().url()));
        ConsoleSessionSettings sessionSettings = ConsoleSessionSettings.from(config);
        this.consoleSessions = new ConsoleSessionService(persistence.consoleSessions(), persistence.apiKeys(), clock,
                sessionSettings.idle(), sessionSettings.maxAge());
        this.rightsRequests = new RightsRequestService(ports, RightsSettings.deadline(config));
        this.connectors = new ConnectorsService(ports, consents);
        ErasureSettings erasureSettings = ErasureSettings.from(config);
        this.erasures = new EraseSubjectService(ports, erasureSettings.maxWait());
        JobSettings.Jobs jobSettings = JobSettings.from(config);
        this.expiryRuns = new ExpiryRuns(new ExpireConsentsService(ports));
        Optional<EraseSubjectUseCase> eraser = jobSettings.retentionErase() ? Optional.of(erasures) : Optional.empty();
        this.retentionRuns = new RetentionRuns(new RetentionService(ports, eraser), eraser.isPresent());
        this.riskSignals = new RiskSignals();
        this.preferenceService = new ManagePreferencesService(ports);
        this.preferenceCentre = new PreferenceCentreWiring(config, data.resolve("secrets"), ports, clock, riskSignals, preferenceService,
                rightsRequests, subjects, vault, connectorHost);
        this.observedConsents = new ObservedConsents(consents, consents, riskSignals, ports.notices(), index);
        apiKeys.failures().onFailure(riskSignals::authFailed);
        AlertSettings alertSettings = AlertSettingsConfig.from(config);
        this.alerts = new AlertService(alertSettings, riskSignals, persistence.alerts(), AlertSettingsConfig.sink(config),
                ports.rightsRequests(), ports.deadLetters(), ports.connectorRuntime(), apiKeys, clock);

        // the change log's end is marked before the warm-up reads the tables: what commits meanwhile is applied again, not missed
        FollowCommitsService follower = new FollowCommitsService(ports, persistence.changeLog());
        long markedAt = System.nanoTime();
        follower.markStart();
        WarmUpDecisionIndexUseCase.Loaded loaded = new DecisionIndexLoader(ports).warmUp();
        LOG.info(() -> "decision index loaded: " + loaded.subjects() + " subjects, " + loaded.identifiers() + " identifiers, "
                + loaded.purposes() + " purposes, " + loaded.notices() + " notice versions");
        connectorHost.reconcileWith(new WalkConsentersService(ports));
        bootstrapAdminKey(settings, data);
        FollowSettings followSettings = FollowSettings.from(config);
        this.following = new DecisionIndexFollowing(follower, followSettings, System::nanoTime, markedAt);
        following.onApiKeysChanged(apiKeys::keysChanged); // a key made or revoked on another node: read the rows again (ADR 0019)
        this.jobs = new PeriodicJobs();
        jobs.every(erasureSettings.checkEvery(), "finishing erasures", () -> {
            int finished = erasures.finishDue();
            if (finished > 0) {
                LOG.info(() -> finished + " erasure(s) finished: the persons' keys destroyed and their data deleted");
            }
        });
        jobs.every(jobSettings.expiryInterval(), "consent expiry", expiryRuns::expireLapsed);
        jobs.every(jobSettings.retentionInterval(), "retention check", retentionRuns::check);
        jobs.every(alertSettings.interval(), "risk alerts", alerts::evaluate);
        jobs.every(auditSettings.checkpointEvery(), "audit checkpoint", anchor::checkpoint);
        jobs.every(ConsoleSessionSettings.PURGE_EVERY, "ended console sessions", consoleSessions::purgeEnded);
        LOG.info(() -> JobSettings.describe(jobSettings));
        // started last: a setting refused above stops the start with no follower thread left polling
        following.start();
        LOG.info(() -> "the decision index follows the commits of every node on this database every " + followSettings.interval()
                + " (not ready when more than " + followSettings.maxLag() + " behind)");
        ready = true;
    }

    /** For CDI's proxy. */
    protected OpenCpmWiring() {
        persistence = null;
        ports = null;
        consents = null;
        subjects = null;
        consentRecords = null;
        exportSubject = null;
        decisions = null;
        audit = null;
        anchor = null;
        apiKeys = null;
        rightsRequests = null;
        connectorHost = null;
        connectors = null;
        sendRules = null;
        erasures = null;
        expiryRuns = null;
        retentionRuns = null;
        jobs = null;
        following = null;
        riskSignals = null;
        alerts = null;
        observedConsents = null;
        preferenceService = null;
        preferenceCentre = null;
        consoleSessions = null;
    }

    /**
     * Starts the connector runtime before any request: every plugin in the plugins folder is loaded
     * and its enabled connectors start carrying the deliveries waiting in the database (those of a
     * previous run first). A plugin that throws or hangs is isolated and reported; it never stops the
     * server.
     */
    private ConnectorHost startConnectors(ServerSettings.Connectors settings, KeyedIdentityVault vault) {
        try {
            Files.createDirectories(settings.pluginsDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the plugins folder " + settings.pluginsDir(), e);
        }
        RuntimeSettings runtime = RuntimeSettings.of(settings.pluginsDir(), settings.confDir(), settings.nodeId())
                .withStartTimeout(settings.startTimeout()).withReceiptRetention(settings.receiptRetention());
        ConnectorHost host = ConnectorHost.start(runtime, persistence.deliveryQueue(), persistence.deliveryRetention(),
                new VaultIdentifierResolver(persistence.subjects(), vault), new InboundCommands(), java.time.Clock.systemUTC());
        LOG.info(() -> "connector plugins from " + settings.pluginsDir() + ": " + host.plugins().size() + " plugins, "
                + host.connectors().size() + " connectors (configuration in " + settings.confDir() + ")");
        return host;
    }

    /** Builds everything when the server starts, not at the first request. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        LOG.fine(() -> "OpenCPM wired, ready=" + isReady());
    }

    private void bootstrapAdminKey(ServerSettings settings, Path data) {
        ManageApiKeysUseCase.Bootstrap bootstrap = apiKeys.bootstrap(settings.bootstrapAdminKey());
        if (!bootstrap.created()) {
            if (settings.bootstrapAdminKey().isPresent()) {
                LOG.info("OPENCPM_BOOTSTRAP_ADMIN_KEY (opencpm.security.bootstrap-admin-key) is set but ignored: the database has "
                        + "API keys already. Once you have admin keys of your own, revoke the bootstrap key "
                        + "(DELETE /api/v1/api-keys/{id}) and remove the setting.");
            }
            return;
        }
        if (bootstrap.generatedKey().isEmpty()) {
            LOG.info("The configured bootstrap admin key (OPENCPM_BOOTSTRAP_ADMIN_KEY) is now an admin API key.");
            return;
        }
        Path file = data.resolve(INITIAL_ADMIN_KEY_FILE);
        try {
            Secrets.writePrivateFile(file, bootstrap.generatedKey().get() + "\n");
        } catch (FileAlreadyExistsException stale) {
            throw new IllegalStateException(file + " exists but the database has no API key: remove the stale file and start again");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        LOG.warning("Created the first admin API key. It is in " + file + " (readable by this user only). "
                + "Send it as 'Authorization: Bearer <key>'; create keys for your systems with POST /api/v1/api-keys, "
                + "then delete that file.");
    }

    public boolean isReady() {
        return ready;
    }

    public DataSource dataSource() {
        return persistence.dataSource();
    }

    public ConnectorHost connectorHost() {
        return connectorHost;
    }

    /** Failed API-key authentications, for the metric. */
    public FailedAuthentications failedAuthentications() {
        return apiKeys.failures();
    }

    /** The risk alerts, for their metrics. */
    public AlertService alerts() {
        return alerts;
    }

    /** The rights requests, for the overdue gauge. */
    public ManageRightsRequestsUseCase rightsRequests() {
        return rightsRequests;
    }

    public ManageConnectorsUseCase connectorsUseCase() {
        return connectors;
    }


    /** The retention check as scheduled, for its gauge. */
    public RetentionRuns retentionRuns() {
        return retentionRuns;
    }

    /** The expiry as scheduled and as run on request, for its metric. */
    public ExpiryRuns expiryRuns() {
        return expiryRuns;
    }

    /** The decision index following other nodes' commits, for readiness and the lag gauge. */
    DecisionIndexFollowing following() {
        return following;
    }

    @PreDestroy
    void stop() {
        if (preferenceCentre != null) {
            preferenceCentre.close(); // waits for codes being sent
        }
        if (following != null) {
            following.close();
        }
        if (jobs != null) {
            jobs.close();
        }
        if (connectorHost != null) {
            connectorHost.close();
        }
        if (persistence != null) {
            persistence.close();
        }
    }

    @Produces @ApplicationScoped RecordConsentUseCase recordConsent() { return observedConsents; }
    @Produces @ApplicationScoped ConsoleSessionsUseCase consoleSessions() { return consoleSessions; }
    @Produces @ApplicationScoped RecordConsentBatchUseCase recordConsentBatch() { return observedConsents; }
    @Produces @ApplicationScoped ConfirmDoubleOptInUseCase confirmDoubleOptIn() { return new ConfirmDoubleOptInService(ports); }
    @Produces @ApplicationScoped LookupSubjectUseCase lookupSubject() { return subjects; }
    @Produces @ApplicationScoped ViewSubjectUseCase viewSubject() { return subjects; }
    @Produces @ApplicationScoped ViewConsentRecordUseCase viewConsentRecord() { return consentRecords; }
    @Produces @ApplicationScoped EraseSubjectUseCase eraseSubject() { return erasures; }
    @Produces @ApplicationScoped ExportSubjectUseCase exportSubject() { return exportSubject; }
    @Produces @ApplicationScoped ViewAttachmentUseCase viewAttachment() { return new ViewAttachmentService(ports, persistence.attachments()); }
    @Produces @ApplicationScoped ManagePurposesUseCase purposes() { return new ManagePurposesService(ports); }
    @Produces @ApplicationScoped PublishNoticeUseCase notices() { return new PublishNoticeService(ports); }
    @Produces @ApplicationScoped org.opencpm.application.port.in.ReviewNoticesUseCase reviewNotices() {
        return new org.opencpm.application.notice.ReviewNoticesService(ports);
    }
    @Produces @ApplicationScoped org.opencpm.application.port.in.SummarizeConsentsUseCase summarizeConsents() {
        return new org.opencpm.application.report.ConsentSummaryService(ports);
    }
    @Produces @ApplicationScoped ManagePreferencesUseCase preferences() { return preferenceService; }
    @Produces @ApplicationScoped DecideUseCase decide() { return decisions; }
    @Produces @ApplicationScoped FilterAudienceUseCase filterAudience() { return decisions; }
    @Produces @ApplicationScoped IssueSendPermitUseCase sendPermits() {
        return new ObservedSendPermits(new SendPermitService(ports, sendRules), riskSignals);
    }
    @Produces @ApplicationScoped ListAlertsUseCase listAlerts() { return alerts; }
    @Produces @ApplicationScoped IssuePreferenceLinkUseCase issuePreferenceLinks() { return preferenceCentre.links; }
    @Produces @ApplicationScoped SelfServiceUseCase selfService() { return preferenceCentre.self; }
    @Produces @ApplicationScoped SmsSignInUseCase smsSignIn() { return preferenceCentre.smsSignIn; }
    @Produces @ApplicationScoped ReportRiskUseCase reportRisk() { return riskSignals; }
    @Produces @ApplicationScoped SendMessageUseCase sendMessages(IssueSendPermitUseCase permits) {
        return new SendMessageService(connectorHost, permits);
    }
    @Produces @ApplicationScoped GateDatasetUseCase datasetGate() { return new GateDatasetService(ports); }
    @Produces @ApplicationScoped ExportAuditUseCase exportAudit() { return audit; }
    @Produces @ApplicationScoped VerifyAuditUseCase verifyAudit() { return anchor; }
    @Produces @ApplicationScoped AnchorAuditUseCase anchorAudit() { return anchor; }
    @Produces @ApplicationScoped ManageApiKeysUseCase manageApiKeys() { return apiKeys; }
    @Produces @ApplicationScoped ManageRightsRequestsUseCase manageRightsRequests() { return rightsRequests; }
    @Produces @ApplicationScoped ManageIdentifiersUseCase manageIdentifiers() { return new IdentifiersService(ports); }
    @Produces @ApplicationScoped MergeSubjectsUseCase mergeSubjects() { return new MergeSubjectsService(ports); }
    @Produces @ApplicationScoped ManageConnectorsUseCase manageConnectors() { return connectors; }
    @Produces @ApplicationScoped ReceiveCallbackUseCase receiveCallbacks() { return connectors; }
    @Produces @ApplicationScoped ExpireConsentsUseCase expireConsents() { return expiryRuns; }
    /** The compliance report, its alerts section fed by the alert store. */
    @Produces @ApplicationScoped org.opencpm.application.port.in.ComplianceReportUseCase complianceReport() {
        return new org.opencpm.application.report.ComplianceReportService(ports,
                new org.opencpm.application.report.StoredReportAlerts(persistence.alerts()));
    }
}
