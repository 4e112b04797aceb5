/**
 * The HTTP API (the OpenAPI document, distribution's META-INF/openapi.yml) as JAX-RS resources on the use cases of the application. Requests are
 * read strictly ({@link org.opencpm.adapters.rest.json}), every error is problem+json
 * ({@link org.opencpm.adapters.rest.problem}), and every {@code /api} call carries an API key
 * whose roles allow it ({@link org.opencpm.adapters.rest.security}).
 *
 * <p>Depends on: the application's inbound ports and the domain's values; JAX-RS, CDI and
 * JSON-P. Never on another adapter.
 */
package org.opencpm.adapters.rest;
