package org.opencpm.adapters.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.opencpm.adapters.rest.json.LimitedInputStream;
import org.opencpm.adapters.rest.json.PayloadTooLargeException;
import org.opencpm.adapters.rest.problem.Problem;
import org.opencpm.adapters.rest.security.Allowed;
import org.opencpm.adapters.rest.stream.BodyStream;
import org.opencpm.adapters.rest.stream.CsvReader;
import org.opencpm.adapters.rest.stream.CsvWriter;
import org.opencpm.adapters.rest.stream.Flusher;
import org.opencpm.adapters.rest.stream.StreamedAnswer;
import org.opencpm.application.port.in.DatasetGateQuery;
import org.opencpm.application.port.in.GateDatasetUseCase;
import org.opencpm.application.port.in.Role;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.subject.IdentifierType;

/**
 * {@code POST /api/v1/datasets:gate}: a CSV dataset streamed through the consent gate before it is
 * shared — the header row echoed, then each row whose subject may be given to the recipient for the
 * purpose, as it was; the others left out ({@code mode=drop}, the default) or kept with the
 * identifier and the {@code pii} columns replaced by keyed pseudonyms ({@code mode=deidentify}).
 * RFC 4180 in and out ({@link CsvReader}, {@link CsvWriter}), in bounded memory.
 *
 * <p>Refused before the first byte of the answer, as problem+json with nothing written: the
 * parameters, an unknown purpose, the roles, the media types, and a header row that is missing,
 * broken, longer than {@value #MAX_RECORD_BYTES} bytes, or without the named columns. After that, a
 * row that cannot be read as the header says — a column count other than the header's, broken
 * quoting, bytes that are not UTF-8, longer than the limit — is never shared, in either mode: its
 * columns cannot be trusted to be the ones the header names, so a de-identified copy could leak the
 * very column it meant to hide. Such rows are counted in the server's log line for the request.
 * Blank lines are skipped.
 */
@ApplicationScoped
@Path("/api/v1")
@Allowed(Role.INTEGRATOR)
public class DatasetGateResource {

    /** The longest row (or header) read: large free-text columns fit, and no row can take the heap. */
    static final int MAX_RECORD_BYTES = 1024 * 1024;
    static final List<String> PARAMETERS = List.of("purpose", "recipient", "subjectColumn", "idType", "scope", "mode", "pii");
    static final String CSV = "text/csv";

    private static final Logger LOG = Logger.getLogger(DatasetGateResource.class.getName());

    @Inject
    GateDatasetUseCase datasets;

    @Inject
    BodyLimits limits;

    @POST
    @Path("datasets:gate")
    @Consumes(CSV)
    @Produces(CSV)
    public Response gate(InputStream body, @Context UriInfo uri) {
        QueryParameters query = QueryParameters.read(uri.getQueryParameters(), PARAMETERS, "datasets:gate");
        IdentifierType idType = IdentifierType.parse(query.required("idType"), "idType");
        String subjectColumn = query.required("subjectColumn");
        Optional<String> scope = query.optional("scope").map(AudienceLine::checkScope);
        DatasetGateQuery.Mode mode = mode(query.optional("mode"));
        List<String> piiNames = query.optional("pii").map(DatasetGateResource::names).orElse(List.of());
        if (!piiNames.isEmpty() && mode != DatasetGateQuery.Mode.DEIDENTIFY) {
            throw new InvalidValueException("pii", "only applies with mode=deidentify (with mode=drop a row is shared whole or not at all)");
        }
        Flusher flusher = new Flusher();
        CsvReader rows = new CsvReader(new LimitedInputStream(BodyStream.of(body), limits.streamLimit()),
                MAX_RECORD_BYTES, flusher);
        List<String> header = header(rows);
        List<Integer> pii = new ArrayList<>();
        for (String name : piiNames) {
            pii.add(column(header, name, "pii"));
        }
        GateDatasetUseCase.DatasetGate gate = datasets.open(new DatasetGateQuery(query.purpose(), query.optional("recipient"), idType, scope,
                column(header, subjectColumn, "subjectColumn"), pii, mode));

        StreamedAnswer answer = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            flusher.to(writer);
            CsvWriter csv = new CsvWriter(writer);
            long[] malformed = {0};
            try {
                csv.write(header);
                while (rows.next()) {
                    if (rows.blank()) {
                        continue;
                    }
                    if (rows.tooLong() || rows.problem().isPresent() || rows.fields().size() != header.size()) {
                        malformed[0]++;
                        continue;
                    }
                    Optional<List<String>> shared = gate.pass(rows.fields());
                    if (shared.isPresent()) {
                        csv.write(shared.get());
                    }
                }
                writer.flush();
            } catch (PayloadTooLargeException tooLarge) {
                // The status is sent: the answer can only say in its last line that it stops here.
                fail(csv, writer, "payload-too-large", tooLarge.getMessage());
                LOG.info(() -> "datasets:gate stopped: " + tooLarge.getMessage());
            } catch (UncheckedIOException unreadable) {
                fail(csv, writer, "invalid-request", "the request body could not be read to its end");
                LOG.info(() -> "datasets:gate stopped: the request body could not be read to its end");
            } finally {
                GateDatasetUseCase.GateSummary summary = gate.summary();
                LOG.info(() -> "datasets:gate " + query.purpose() + ": " + summary.rows() + " rows: " + summary.passed() + " shared, "
                        + summary.deidentified() + " de-identified, " + summary.dropped() + " dropped; " + malformed[0]
                        + " not readable as the header says, not shared");
            }
        };
        return Response.ok(answer, CSV + "; charset=UTF-8").build();
    }

    /**
     * Ends an answer that cannot be completed with a line no dataset row can be mistaken for: one
     * field starting {@code #error}, where the header has the columns the rows have.
     */
    private static void fail(CsvWriter csv, Writer writer, String code, String detail) {
        try {
            csv.write(List.of("#error " + code + ": " + detail + "; the answer is incomplete"));
            writer.flush();
        } catch (IOException clientGone) {
            // nothing more can be said to it
        }
    }

    private static DatasetGateQuery.Mode mode(Optional<String> value) {
        return switch (value.orElse("drop")) {
            case "drop" -> DatasetGateQuery.Mode.DROP;
            case "deidentify" -> DatasetGateQuery.Mode.DEIDENTIFY;
            default -> throw new InvalidValueException("mode", "must be drop or deidentify");
        };
    }

    private static List<String> names(String list) {
        List<String> names = new ArrayList<>();
        for (String name : list.split(",", -1)) {
            if (name.isBlank()) {
                throw new InvalidValueException("pii", "has an empty entry; give column names separated by commas");
            }
            names.add(name.strip());
        }
        return names;
    }

    /** The header row, read before anything is answered; a body without a usable one is refused. */
    private static List<String> header(CsvReader rows) {
        boolean any;
        try {
            any = rows.next();
            while (any && rows.blank()) {
                any = rows.next();
            }
        } catch (UncheckedIOException unreadable) {
            throw new WebApplicationException(Problem.response(400, "invalid-request", "the request body could not be read"));
        }
        if (!any) {
            throw new InvalidValueException("body", "must start with a header row naming the columns");
        }
        if (rows.tooLong()) {
            throw new InvalidValueException("body", "the header row is longer than " + MAX_RECORD_BYTES + " bytes");
        }
        rows.problem().ifPresent(problem -> {
            throw new InvalidValueException("body", "the header row is not RFC 4180 CSV: " + problem);
        });
        return List.copyOf(rows.fields());
    }

    /** The index of the header's column {@code name}, which must be there once. */
    private static int column(List<String> header, String name, String parameter) {
        int index = -1;
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).strip().equals(name)) {
                if (index >= 0) {
                    throw new InvalidValueException(parameter, "names a column the header row has twice");
                }
                index = i;
            }
        }
        if (index < 0) {
            throw new InvalidValueException(parameter, "names no column of the header row (" + header.size() + " columns; names are "
                    + "matched exactly, case and all" + (header.stream().anyMatch(h -> h.strip().equalsIgnoreCase(name)) ? ", and one differs only in case" : "") + ")");
        }
        return index;
    }
}
