package org.opencpm.adapters.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;
import org.opencpm.adapters.rest.json.ApiRequests;
import org.opencpm.adapters.rest.json.ConsentRecordJson;
import org.opencpm.adapters.rest.json.JsonInputException;
import org.opencpm.adapters.rest.security.Allowed;
import org.opencpm.application.port.in.Role;
import org.opencpm.application.port.in.ViewConsentRecordUseCase;
import org.opencpm.domain.subject.SubjectId;

/**
 * A consent receipt: one consent event of a person as an ISO/IEC TS 27560 consent record, by the
 * {@code receiptId} recording it answered. 404 {@code receipt-not-found} for an id that is not one
 * of this person's consent events, whether it exists for someone else or not at all; 410 once the
 * person is erased, like their history.
 *
 * <p>Roles: an auditor (or an admin), who checks the record against an audit export; and an
 * integrator, the system the person deals with, so that it can hand the person their receipt (the
 * copy 27560 means a receipt to be). The record holds nothing an integrator cannot already read
 * (history, consents, notices, purposes): no identifier, and the evidence the chain seals under the
 * person's key (ip, user agent, operator, guardian) stays sealed.
 */
@ApplicationScoped
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ReceiptsResource {

    /** Receipt ids are audit event ids: UUIDs. */
    private static final Pattern RECEIPT_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    @Inject
    ViewConsentRecordUseCase records;

    @GET
    @Path("subjects/{subjectId}/receipts/{receiptId}")
    @Allowed({Role.AUDITOR, Role.INTEGRATOR})
    public Response receipt(@PathParam("subjectId") String subjectId, @PathParam("receiptId") String receiptId) {
        SubjectId subject = ApiRequests.subjectId(subjectId, "subjectId");
        if (receiptId == null || !RECEIPT_ID.matcher(receiptId).matches()) {
            throw new JsonInputException("receiptId", "is not a receipt id (the receiptId a consent event answered)");
        }
        return Response.fromResponse(Responses.ok(ConsentRecordJson.of(records.consentRecord(subject, receiptId))))
                .header("Cache-Control", "no-store").build();
    }
}
