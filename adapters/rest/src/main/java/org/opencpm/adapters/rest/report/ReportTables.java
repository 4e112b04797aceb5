package org.opencpm.adapters.rest.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.opencpm.application.port.in.ComplianceReport;
import org.opencpm.application.port.in.ComplianceReport.Counts;

/**
 * Every section of a report as a title and a table of text, so the HTML and the PDF show the same
 * cells. The order of the sections is the order of issue 12's list.
 */
final class ReportTables {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    /** One section: a table, and notes said under it. */
    record Section(String id, String title, List<String> head, List<List<String>> rows, List<String> notes) {
    }

    private ReportTables() {
    }

    static String time(Instant at) {
        return TIME.format(at);
    }

    static String rate(Optional<Double> rate) {
        return rate.map(r -> String.format(Locale.ROOT, "%.1f%%", r * 100)).orElse("—");
    }

    static List<Section> of(ComplianceReport r, ReportText t) {
        List<Section> sections = new ArrayList<>();
        List<String> countsHead = List.of(t.get("grants"), t.get("withdrawals"), t.get("denials"), t.get("confirmations"),
                t.get("expiries"), t.get("consentRate"), t.get("withdrawalRate"));
        sections.add(new Section("consents-by-purpose", t.get("consents") + " · " + t.get("byPurpose"),
                prepend(t.get("purpose"), countsHead), countRows(r.consents().byPurpose(), r.consents().total(), t),
                List.of(t.get("rates"), t.get("late") + ": " + r.consents().late())));
        sections.add(new Section("consents-by-channel", t.get("consents") + " · " + t.get("byChannel"),
                prepend(t.get("channel"), countsHead), countRows(r.consents().byChannel(), r.consents().total(), t), List.of()));
        sections.add(new Section("reconsent", t.get("reconsent"),
                List.of(t.get("purpose"), t.get("notice"), t.get("shown"), t.get("current"), t.get("consentsCount")),
                r.reconsent().stream().map(x -> List.of(x.purpose(), x.noticeCode(), x.shownVersion(), x.currentVersion(),
                        Long.toString(x.consents()))).toList(), List.of()));
        sections.add(new Section("reconsent-redefined", t.get("redefined"),
                List.of(t.get("purpose"), t.get("redefinedAt"), t.get("consentsCount")),
                r.redefined().stream().map(x -> List.of(x.purpose(), time(x.redefinedAt()), Long.toString(x.consents()))).toList(),
                List.of(t.get("redefinedNote"), t.get("people") + ": " + r.peopleDueToReconsent())));
        sections.add(new Section("separate-consent", t.get("separate"),
                List.of(t.get("purpose"), t.get("grounds"), t.get("inForce"), t.get("notExplicit"), t.get("grantsInPeriod")),
                r.separate().stream().map(s -> List.of(s.purpose(), String.join("; ", s.grounds()), Long.toString(s.inForce()),
                        Long.toString(s.notExplicit()), Long.toString(s.grantsInPeriod()))).toList(), List.of()));
        ComplianceReport.Minors m = r.minors();
        sections.add(new Section("minors", t.get("minors"),
                List.of(t.get("minorPeople"), t.get("minorConsents"), t.get("byGuardian"), t.get("withoutGuardian"), t.get("guardianGrants")),
                List.of(List.of(Long.toString(m.people()), Long.toString(m.consentsInForce()), Long.toString(m.byGuardian()),
                        Long.toString(m.withoutGuardian()), Long.toString(m.guardianGrantsInPeriod()))), List.of()));
        List<List<String>> elements = new ArrayList<>();
        r.dataElements().forEach((grade, uses) -> uses.forEach(u -> elements.add(List.of(grade, u.name(), u.category(),
                String.join(", ", u.purposes())))));
        sections.add(new Section("data-elements", t.get("dataElements"),
                List.of(t.get("grade"), t.get("element"), t.get("category"), t.get("purpose")), elements, List.of()));
        List<List<String>> rights = new ArrayList<>();
        r.rights().byType().forEach((type, c) -> rights.add(List.of(type, Long.toString(c.received()), Long.toString(c.completed()),
                Long.toString(c.rejected()))));
        sections.add(new Section("rights", t.get("rights"),
                List.of(t.get("type"), t.get("received"), t.get("completed"), t.get("rejected")), rights,
                List.of(t.get("lateAnswers") + ": " + r.rights().late(), t.get("open") + ": " + r.rights().openTotal()
                        + " · " + t.get("overdue") + ": " + r.rights().overdue())));
        List<String> notes = r.rights().openTotal() > r.rights().open().size()
                ? List.of(String.format(Locale.ROOT, t.get("more"), r.rights().open().size(), r.rights().openTotal())) : List.of();
        sections.add(new Section("rights-open", t.get("open"),
                List.of(t.get("request"), t.get("type"), t.get("status"), t.get("receivedAt"), t.get("dueAt"), t.get("overdue")),
                r.rights().open().stream().map(o -> List.of(o.id(), o.type(), o.status(), time(o.receivedAt()), time(o.dueAt()),
                        o.overdue() ? t.get("yes") : t.get("no"))).toList(), notes));
        sections.add(new Section("erasures", t.get("erasures"),
                List.of(t.get("reason"), t.get("request"), t.get("startedAt"), t.get("waitUntil"), t.get("overdue")),
                r.erasures().unfinished().stream().map(e -> List.of(e.reason(), e.requestId().orElse("—"), time(e.startedAt()),
                        time(e.waitUntil()), e.overdue() ? t.get("yes") : t.get("no"))).toList(),
                List.of(t.get("started") + ": " + r.erasures().started() + " · " + t.get("finished") + ": " + r.erasures().finished()
                        + " · " + t.get("unfinished") + ": " + r.erasures().unfinished().size())));
        sections.add(new Section("connectors", t.get("connectors"),
                List.of(t.get("connector"), t.get("state"), t.get("pending"), t.get("delivered"), t.get("failed"), t.get("dead"),
                        t.get("oldestPending")),
                r.connectors().stream().map(c -> List.of(c.name() + " (" + c.id() + ")", c.state(), Long.toString(c.pending()),
                        Long.toString(c.delivered()), Long.toString(c.failed()), Long.toString(c.dead()),
                        c.oldestPending().map(ReportTables::time).orElse("—"))).toList(), List.of()));
        sections.add(new Section("alerts", t.get("alerts"),
                List.of(t.get("raisedAt"), t.get("rule"), t.get("severity"), t.get("detail")),
                r.alerts().raised().stream().map(a -> List.of(time(a.raisedAt()), a.rule(), a.severity(), a.detail())).toList(),
                r.alerts().connected() ? List.of() : List.of(t.get("alertsNotConnected"))));
        return sections;
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static List<List<String>> countRows(Map<String, Counts> counts, Counts total, ReportText t) {
        List<List<String>> rows = new ArrayList<>();
        counts.forEach((key, c) -> rows.add(countRow(key, c)));
        rows.add(countRow(t.get("total"), total));
        return rows;
    }

    private static List<String> countRow(String key, Counts c) {
        return List.of(key, Long.toString(c.grants()), Long.toString(c.withdrawals()), Long.toString(c.denials()),
                Long.toString(c.confirmations()), Long.toString(c.expiries()), rate(c.consentRate()), rate(c.withdrawalRate()));
    }
}
