package org.opencpm.application.alert;

import java.util.List;
import org.opencpm.application.port.in.BatchItemResult;
import org.opencpm.application.port.in.RecordConsentBatchUseCase;
import org.opencpm.application.port.in.RecordConsentCommand;
import org.opencpm.application.port.in.RecordConsentResult;
import org.opencpm.application.port.in.RecordConsentUseCase;
import org.opencpm.application.port.out.DecisionIndex;
import org.opencpm.application.port.out.NoticeStore;
import org.opencpm.domain.consent.ConsentAction;
import org.opencpm.domain.notice.MaterialChanges;
import org.opencpm.domain.notice.NoticeCoveragePolicy;

/**
 * Recording consent, counted for the risk rules: each event recorded (not a replay, not a refusal)
 * as a grant — by its masked address and hashed operator — or a withdrawal; and each grant on a
 * notice version a later material change has outdated: refused because the change came before it
 * (a form still shows the old text), or recorded because it happened before the change and
 * arrived late (an offline tablet's). The recording itself is the service's,
 * unchanged; the notice of a grant is looked up once more (by the store) to learn its revision.
 */
public final class ObservedConsents implements RecordConsentUseCase, RecordConsentBatchUseCase {

    private final RecordConsentUseCase single;
    private final RecordConsentBatchUseCase batch;
    private final RiskSignals signals;
    private final NoticeStore notices;
    private final DecisionIndex index;

    public ObservedConsents(RecordConsentUseCase single, RecordConsentBatchUseCase batch, RiskSignals signals, NoticeStore notices,
                            DecisionIndex index) {
        this.single = single;
        this.batch = batch;
        this.signals = signals;
        this.notices = notices;
        this.index = index;
    }

    @Override
    public RecordConsentResult record(RecordConsentCommand command) {
        RecordConsentResult result;
        try {
            result = single.record(command);
        } catch (NoticeCoveragePolicy.NoticeSupersededException outdated) {
            signals.grantedOnOutdatedNotice();
            throw outdated;
        }
        observe(command, result);
        return result;
    }

    @Override
    public List<BatchItemResult> recordAll(List<RecordConsentCommand> commands) {
        List<BatchItemResult> results = batch.recordAll(commands);
        for (BatchItemResult item : results) {
            item.result().ifPresent(result -> observe(commands.get(item.index()), result));
            item.error().filter(NoticeCoveragePolicy.NoticeSupersededException.class::isInstance)
                    .ifPresent(outdated -> signals.grantedOnOutdatedNotice());
        }
        return results;
    }

    private void observe(RecordConsentCommand command, RecordConsentResult result) {
        if (result.replayed()) {
            return;
        }
        if (command.action() == ConsentAction.WITHDRAW) {
            signals.withdrawn();
        } else if (command.action() == ConsentAction.GRANT) {
            signals.granted(command.evidence().ip().orElse(null), command.evidence().operator().orElse(null));
            if (onOutdatedNotice(command)) {
                signals.grantedOnOutdatedNotice();
            }
        }
    }

    private boolean onOutdatedNotice(RecordConsentCommand command) {
        if (command.notice().isEmpty()) {
            return false;
        }
        MaterialChanges changes = index.materialChanges();
        return notices.find(command.notice().get())
                .map(notice -> command.purposes().stream().anyMatch(p -> changes.outdates(notice.ref().code(), notice.revision(), p)))
                .orElse(false);
    }
}
