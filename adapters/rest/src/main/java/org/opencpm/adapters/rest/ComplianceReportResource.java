package org.opencpm.adapters.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Locale;
import org.opencpm.adapters.rest.json.Fields;
import org.opencpm.adapters.rest.report.HtmlReport;
import org.opencpm.adapters.rest.report.PdfFonts;
import org.opencpm.adapters.rest.report.PdfReport;
import org.opencpm.adapters.rest.security.Allowed;
import org.opencpm.application.port.in.ComplianceReport;
import org.opencpm.application.port.in.ComplianceReportUseCase;
import org.opencpm.application.port.in.ReportPeriod;
import org.opencpm.application.port.in.Role;
import org.opencpm.domain.InvalidValueException;

/**
 * The compliance report of a period (PIPL Art. 54–56, DSL Art. 21), as HTML with inline SVG
 * charts or, with {@code Accept: application/pdf}, as PDF; in Chinese or English ({@code lang},
 * else the first of {@code Accept-Language}). Auditors and admins only.
 */
@ApplicationScoped
@Path("/api/v1/reports")
@Allowed(Role.AUDITOR)
public class ComplianceReportResource {

    public static final String PDF = "application/pdf";

    @Inject
    ComplianceReportUseCase reports;

    private final PdfReport pdf = new PdfReport(PdfFonts.fromEnvironment());

    @GET
    @Path("compliance")
    @Produces({MediaType.TEXT_HTML, PDF})
    public Response compliance(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("lang") String lang,
                               @Context HttpHeaders headers) {
        ReportPeriod period = new ReportPeriod(required(from, "from"), required(to, "to"));
        String language = language(lang, headers);
        boolean wantsPdf = headers.getAcceptableMediaTypes().stream().findFirst()
                .map(type -> !type.isWildcardType() && type.isCompatible(MediaType.valueOf(PDF))).orElse(false);
        ComplianceReport report = reports.report(period);
        if (wantsPdf) {
            PdfReport.Rendered rendered = pdf.render(report, language);
            return Response.ok(rendered.pdf(), PDF).header("Content-Language", rendered.language())
                    .header("Content-Disposition", "inline; filename=\"compliance-report.pdf\"").build();
        }
        return Response.ok(HtmlReport.render(report, language), MediaType.TEXT_HTML + "; charset=UTF-8")
                .header("Content-Language", language).build();
    }

    private static Instant required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(field, "is required (an ISO-8601 instant such as 2026-01-01T00:00:00Z)");
        }
        return Fields.instant(value, field);
    }

    /** {@code zh} or {@code en}: the {@code lang} parameter when given, else the client's first language, else English. */
    static String language(String lang, HttpHeaders headers) {
        if (lang != null) {
            String code = lang.trim().toLowerCase(Locale.ROOT);
            if (!code.equals("zh") && !code.equals("en")) {
                throw new InvalidValueException("lang", "must be zh or en");
            }
            return code;
        }
        return headers.getAcceptableLanguages().stream().findFirst()
                .map(l -> l.getLanguage().toLowerCase(Locale.ROOT).startsWith("zh") ? "zh" : "en").orElse("en");
    }
}
