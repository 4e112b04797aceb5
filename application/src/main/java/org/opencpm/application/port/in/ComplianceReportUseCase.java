package org.opencpm.application.port.in;

/**
 * The compliance report of a period: what a compliance officer shows a regulator or an internal
 * audit to account for the processing (PIPL Art. 54 compliance audits, Art. 55–56 impact
 * assessments, DSL Art. 21 data classification), built from the same stores the API reads so its
 * numbers match the API's.
 */
public interface ComplianceReportUseCase {

    ComplianceReport report(ReportPeriod period);
}
