package org.opencpm.adapters.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.opencpm.adapters.rest.json.LimitedInputStream;
import org.opencpm.adapters.rest.json.PayloadTooLargeException;
import org.opencpm.adapters.rest.problem.Problem;
import org.opencpm.adapters.rest.security.Allowed;
import org.opencpm.adapters.rest.stream.BodyStream;
import org.opencpm.adapters.rest.stream.Flusher;
import org.opencpm.adapters.rest.stream.LineReader;
import org.opencpm.adapters.rest.stream.StreamedAnswer;
import org.opencpm.application.port.in.AudienceQuery;
import org.opencpm.application.port.in.AudienceVerdict;
import org.opencpm.application.port.in.FilterAudienceUseCase;
import org.opencpm.application.port.in.Role;
import org.opencpm.domain.decision.UsageRequest;
import org.opencpm.domain.preference.ContactChannel;

/**
 * {@code POST /api/v1/decisions:filter}: an audience of any size decided as it streams through —
 * identifiers in, one per line ({@link AudienceLine}), the answers out while the rest is still
 * arriving ({@link AudienceAnswers}), in memory that does not grow with the audience.
 *
 * <p>Everything that can be refused is refused before the first byte of the answer, as problem+json
 * with nothing written: the parameters, an unknown purpose, the roles, the media types, and a body
 * that is not lines of text at all (its first line longer than {@value #MAX_LINE_BYTES} bytes, not
 * UTF-8, or holding control characters: a spreadsheet or an archive sent by mistake). After that,
 * a line that is not an identifier is one more answer (NDJSON and CSV: {@code invalid_identifier};
 * text: left out), so one bad line in ten million does not lose the other answers. Every verdict is
 * taken at the moment the request started.
 */
@ApplicationScoped
@Path("/api/v1")
@Allowed(Role.INTEGRATOR)
public class AudienceFilterResource {

    /** The longest line taken as an identifier: a scoped e-mail address with room to spare. */
    static final int MAX_LINE_BYTES = 4096;
    static final List<String> PARAMETERS = List.of("purpose", "channel", "topic", "recipient", "scope");

    private static final Logger LOG = Logger.getLogger(AudienceFilterResource.class.getName());

    @Inject
    FilterAudienceUseCase audiences;

    @Inject
    BodyLimits limits;

    @POST
    @Path("decisions:filter")
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces({MediaType.TEXT_PLAIN, AudienceAnswers.NDJSON, AudienceAnswers.CSV})
    public Response filter(InputStream body, @Context UriInfo uri, @Context HttpHeaders headers) {
        QueryParameters query = QueryParameters.read(uri.getQueryParameters(), PARAMETERS, "decisions:filter");
        AudienceQuery audience = new AudienceQuery(query.purpose(), new UsageRequest(
                query.optional("channel").map(c -> ContactChannel.parse(c, "channel")), query.optional("topic"), query.optional("recipient")));
        Optional<String> scope = query.optional("scope").map(AudienceLine::checkScope);
        AudienceAnswers.Format format = AudienceAnswers.Format.negotiate(headers);
        FilterAudienceUseCase.AudienceFilter filter = audiences.open(audience);

        Flusher flusher = new Flusher();
        LineReader lines = new LineReader(new LimitedInputStream(BodyStream.of(body), limits.streamLimit()),
                MAX_LINE_BYTES, flusher);
        boolean any = firstLine(lines);
        StreamedAnswer answer = out -> {
            AudienceAnswers answers = AudienceAnswers.of(format, out);
            flusher.to(answers);
            Counts counts = new Counts();
            try {
                answers.start();
                boolean more = any;
                while (more) {
                    answerLine(lines, filter, scope, answers, counts);
                    more = lines.next();
                }
                answers.flush();
            } catch (PayloadTooLargeException tooLarge) {
                // The status is sent: the answer can only say in its last line that it stops here.
                fail(answers, "payload-too-large", tooLarge.getMessage() + "; the answer stops after line " + lines.number());
                LOG.info(() -> "decisions:filter stopped: " + tooLarge.getMessage());
            } catch (UncheckedIOException unreadable) {
                // the body broke off, or the client stopped reading the answer (then the last line cannot reach it either)
                fail(answers, "invalid-request", "the request body could not be read to its end; the answer stops after line "
                        + lines.number());
                LOG.info(() -> "decisions:filter stopped: the request body could not be read to its end");
            } finally {
                LOG.info(() -> "decisions:filter " + audience.purpose() + ": " + counts);
            }
        };
        return Response.ok(answer, format.mediaType).build();
    }

    /** Ends the answer with its error line, unless the client is gone: nothing more can be said to it then. */
    private static void fail(AudienceAnswers answers, String code, String detail) {
        try {
            answers.fail(code, detail);
        } catch (IOException clientGone) {
            // as DatasetGateResource.fail: the answer ends where it broke off
        }
    }

    /**
     * Reads the first line before anything is answered, refusing with a 4xx a body that is not lines
     * of text, or that is larger than the limit or cannot be read even that far.
     */
    private static boolean firstLine(LineReader lines) {
        boolean any;
        try {
            any = lines.next();
        } catch (UncheckedIOException unreadable) {
            throw new WebApplicationException(Problem.response(400, "invalid-request",
                    "the request body could not be read"));
        }
        if (!any) {
            return false;
        }
        if (lines.tooLong()) {
            throw new WebApplicationException(Problem.invalid("invalid-request", "body",
                    "line 1 is longer than " + MAX_LINE_BYTES + " bytes: send identifiers one per line (type:value), lines ending with LF or CRLF"));
        }
        if (!AudienceLine.looksLikeText(lines)) {
            throw new WebApplicationException(Problem.invalid("invalid-request", "body",
                    "line 1 is not UTF-8 text: send identifiers one per line (type:value) as UTF-8 text/plain"));
        }
        return true;
    }

    private static void answerLine(LineReader lines, FilterAudienceUseCase.AudienceFilter filter, Optional<String> scope,
                                   AudienceAnswers answers, Counts counts) throws IOException {
        counts.lines++;
        Optional<String> text = lines.tooLong() ? Optional.empty() : lines.text();
        if (text.isPresent() && text.get().isBlank()) {
            counts.blank++;
            return;
        }
        AudienceVerdict verdict = AudienceLine.unreadable(text, lines.tooLong())
                .map(why -> AudienceLine.unreadableVerdict(lines.number(), why))
                .orElseGet(() -> filter.decide(lines.number(), AudienceLine.member(text.get(), scope)));
        if (verdict.invalid().isPresent()) {
            counts.invalid++;
        } else if (verdict.decision().allowed()) {
            counts.allowed++;
        }
        answers.answer(lines.bytes(), lines.offset(), lines.length(), text, verdict);
    }

    /** What one request's lines came to, for the log line that closes it (no identifier in it). */
    private static final class Counts {
        long lines;
        long blank;
        long allowed;
        long invalid;

        @Override
        public String toString() {
            return lines + " lines: " + allowed + " allowed, " + (lines - blank - allowed - invalid) + " not allowed, " + invalid
                    + " not identifiers, " + blank + " blank";
        }
    }
}
