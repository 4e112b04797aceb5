/**
 * The CRM / CDP / marketing-automation webhook connector. Out: each consent or preference change
 * as a CloudEvents 1.0 structured JSON event ({@code application/cloudevents+json}), or a batch
 * ({@code application/cloudevents-batch+json}), POSTed to {@code url} and signed:
 * {@code X-OpenCPM-Timestamp: <unix seconds>} and
 * {@code X-OpenCPM-Signature: sha256=<hex HMAC-SHA-256(secret, "<timestamp>.<raw body>")>}.
 * In: consent events POSTed by the CRM to {@code /hooks/crm-webhook/events}, signed the same
 * way and refused outside a five-minute window.
 */
package org.opencpm.plugins.crmwebhook;
