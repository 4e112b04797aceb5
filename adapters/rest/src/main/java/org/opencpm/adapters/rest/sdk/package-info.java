/**
 * The consent collection SDK's side of the API, {@code /api/v1/sdk/**}, for
 * {@link org.opencpm.application.port.in.Role#COLLECTOR collector} keys used in brands' web pages
 * (ADR 0023): the public texts a consent dialog shows, and the grant, denial or withdrawal the
 * person gives in it, with the evidence the server, not the page, vouches for. CORS, the origin
 * binding and the per-address rate are {@link org.opencpm.adapters.rest.security.CollectorCors}
 * and {@link org.opencpm.adapters.rest.security.CollectorGate}.
 *
 * <p>Depends on: the application's in-ports, the REST adapter's JSON and problem helpers.
 */
package org.opencpm.adapters.rest.sdk;
