package org.opencpm.adapters.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.opencpm.application.port.in.ConfirmDoubleOptInUseCase;
import org.opencpm.application.port.in.CreateApiKeyCommand;
import org.opencpm.application.port.in.DecideUseCase;
import org.opencpm.application.port.in.ExpireConsentsUseCase;
import org.opencpm.application.port.in.ExportAuditUseCase;
import org.opencpm.application.port.in.ExportSubjectUseCase;
import org.opencpm.application.port.in.IssueSendPermitUseCase;
import org.opencpm.application.port.in.SendMessageUseCase;
import org.opencpm.application.port.in.LookupSubjectUseCase;
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
import org.opencpm.application.port.in.Role;
import org.opencpm.application.port.in.AnchorAuditUseCase;
import org.opencpm.application.port.in.VerifyAuditUseCase;
import org.opencpm.application.port.in.ViewConsentRecordUseCase;
import org.opencpm.application.port.in.ViewSubjectUseCase;
import org.opencpm.testfixtures.InMemoryOpenCpm;

/** The use cases on in-memory adapters, for the resources under test; with three keys, one per role. */
@ApplicationScoped
public class InMemoryWiring {

    static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";
    static final InMemoryOpenCpm CPM = new InMemoryOpenCpm();
    static final String INTEGRATOR_KEY;
    static final String AUDITOR_KEY;
    static final FakeConnectorRuntime RUNTIME = new FakeConnectorRuntime(CPM.clock);

    static {
        CPM.apiKeys.bootstrap(Optional.of(ADMIN_KEY));
        INTEGRATOR_KEY = CPM.apiKeys.create(new CreateApiKeyCommand("crm", Set.of(Role.INTEGRATOR), InMemoryOpenCpm.ADMIN)).key();
        AUDITOR_KEY = CPM.apiKeys.create(new CreateApiKeyCommand("auditor", Set.of(Role.AUDITOR), InMemoryOpenCpm.ADMIN)).key();
        CPM.connectorRuntime = RUNTIME;
        CPM.subscriptions = change -> List.of(FakeConnectorRuntime.CONNECTOR);
    }

    @Produces @ApplicationScoped RecordConsentUseCase recordConsent() {
        return AddressesSeen.recording(RecordConsentUseCase.class, CPM.recordConsent, "record",
                args -> ((org.opencpm.application.port.in.RecordConsentCommand) args[0]).evidence().ip().orElse(null));
    }
    @Produces @ApplicationScoped RecordConsentBatchUseCase recordConsentBatch() { return CPM.recordConsentBatch; }
    @Produces @ApplicationScoped ConfirmDoubleOptInUseCase confirm() { return CPM.confirmDoubleOptIn; }
    @Produces @ApplicationScoped LookupSubjectUseCase lookup() { return CPM.lookupSubject; }
    @Produces @ApplicationScoped org.opencpm.application.port.in.EraseSubjectUseCase erase() { return CPM.erasure; }
    @Produces @ApplicationScoped ViewSubjectUseCase view() { return CPM.viewSubject; }
    @Produces @ApplicationScoped ViewConsentRecordUseCase consentRecords() { return CPM.consentRecords; }
    @Produces @ApplicationScoped ExportSubjectUseCase exportSubject() { return CPM.exportSubject; }
    @Produces @ApplicationScoped org.opencpm.application.port.in.ViewAttachmentUseCase attachments() { return CPM.viewAttachment; }
    @Produces @ApplicationScoped ManagePurposesUseCase purposes() { return CPM.purposes; }
    @Produces @ApplicationScoped PublishNoticeUseCase notices() { return CPM.notices; }
    @Produces @ApplicationScoped org.opencpm.application.port.in.ReviewNoticesUseCase reviewNotices() {
        return new org.opencpm.application.notice.ReviewNoticesService(CPM.ports);
    }
    @Produces @ApplicationScoped org.opencpm.application.port.in.SummarizeConsentsUseCase summarizeConsents() {
        return new org.opencpm.application.report.ConsentSummaryService(CPM.ports);
    }
    @Produces @ApplicationScoped ManagePreferencesUseCase preferences() { return CPM.preferences; }
    @Produces @ApplicationScoped DecideUseCase decide() { return CPM.decide; }
    @Produces @ApplicationScoped org.opencpm.application.port.in.FilterAudienceUseCase filterAudience() { return CPM.filterAudience; }
    @Produces @ApplicationScoped org.opencpm.application.port.in.GateDatasetUseCase gateDataset() { return CPM.datasetGate; }
    @Produces @ApplicationScoped IssueSendPermitUseCase permits() { return CPM.sendPermits; }
    @Produces @ApplicationScoped SendMessageUseCase messages() { return CPM.sendMessages; }
    @Produces @ApplicationScoped ExportAuditUseCase export() { return CPM.exportAudit; }
    @Produces @ApplicationScoped VerifyAuditUseCase verify() { return CPM.verifyAudit; }
    @Produces @ApplicationScoped AnchorAuditUseCase anchor() { return CPM.anchorAudit; }
    @Produces @ApplicationScoped ManageApiKeysUseCase apiKeys() {
        return AddressesSeen.recording(ManageApiKeysUseCase.class, CPM.apiKeys, "authenticate", args -> (String) args[1]);
    }
    @Produces @ApplicationScoped org.opencpm.application.port.in.ConsoleSessionsUseCase consoleSessions() { return CPM.consoleSessions; }
    @Produces @ApplicationScoped ManageRightsRequestsUseCase rightsRequests() { return CPM.rightsRequests; }
    @Produces @ApplicationScoped ManageIdentifiersUseCase identifiers() { return CPM.identifiers; }
    @Produces @ApplicationScoped MergeSubjectsUseCase mergeSubjects() { return CPM.mergeSubjects; }
    @Produces @ApplicationScoped ManageConnectorsUseCase connectors() { return CPM.connectors; }
    @Produces @ApplicationScoped ReceiveCallbackUseCase callbacks() { return CPM.connectors; }
    @Produces @ApplicationScoped ExpireConsentsUseCase expiry() { return CPM.expireConsents; }
    @Produces @ApplicationScoped org.opencpm.application.port.in.ListAlertsUseCase alerts() { return CPM.alerts; }
    @Produces @ApplicationScoped org.opencpm.application.port.in.ReportRiskUseCase risks() { return CPM.riskSignals; }
    @Produces @ApplicationScoped org.opencpm.application.port.in.ComplianceReportUseCase complianceReport() { return CPM.complianceReport; }
    @Produces @ApplicationScoped org.opencpm.application.port.in.IssuePreferenceLinkUseCase preferenceLinks() { return CPM.preferenceLinks; }
    @Produces @ApplicationScoped org.opencpm.application.port.in.SelfServiceUseCase selfService() {
        return AddressesSeen.recording(org.opencpm.application.port.in.SelfServiceUseCase.class, CPM.selfService, "withdraw",
                args -> ((org.opencpm.application.port.in.SelfEvidence) args[2]).ip().orElse(null));
    }
    @Produces @ApplicationScoped org.opencpm.application.port.in.SmsSignInUseCase smsSignIn() {
        return AddressesSeen.recording(org.opencpm.application.port.in.SmsSignInUseCase.class, CPM.smsSignIn, "requestCode",
                args -> (String) args[1]);
    }
}
