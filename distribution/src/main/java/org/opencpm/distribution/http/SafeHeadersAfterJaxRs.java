package org.opencpm.distribution.http;

import io.helidon.common.Weighted;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;

/**
 * Puts the safe headers of {@link ExposureFilter#safeHeaders} back on a response that Helidon MP's
 * JAX-RS route passed on to the routes after it (health, metrics, OpenAPI).
 *
 * <p>Helidon MP 4.1.6 serves the JAX-RS application on every path, ahead of the routes of its
 * features. When Jersey has no resource for a path it answers 404, and Helidon's
 * {@code JaxRsService} then resets the response — clearing every header the filter had set — and
 * hands the request to the next route. So {@code /health}, {@code /metrics} and {@code /openapi}
 * were answered without the headers. This feature adds one route that sets them again and passes
 * on; it is weighted just below the main routing (where JAX-RS is, weight 100) and above every
 * feature that serves paths (OpenAPI 90, health and metrics 80), so it runs right after JAX-RS.
 *
 * <p>It only sets headers: the {@code /metrics} key check stays in {@link ExposureFilter}, which
 * runs once per request, so a failed key is counted once.
 */
final class SafeHeadersAfterJaxRs implements HttpFeature, Weighted {

    /** Below the main routing's {@link Weighted#DEFAULT_WEIGHT}, above the OpenAPI and observe features. */
    static final double WEIGHT = 99;

    @Override
    public void setup(HttpRouting.Builder routing) {
        routing.any((request, response) -> {
            ExposureFilter.safeHeaders(response);
            response.next();
        });
    }

    @Override
    public double weight() {
        return WEIGHT;
    }
}
