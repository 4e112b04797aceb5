package org.opencpm.application.port.in;

/** How the consents stand now, counted: what the console's dashboard draws. No person is named. */
public interface SummarizeConsentsUseCase {

    ConsentSummary summary();
}
