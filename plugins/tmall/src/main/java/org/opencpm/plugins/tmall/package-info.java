/**
 * The Tmall / Taobao Open Platform (TOP) connector. Out: each consent change of a subject with a
 * {@code tmall_ouid} becomes one signed TOP call at {@code <baseUrl>/router/rest} that puts the
 * member in the shop's opt-out CRM group (withdrawn, denied, expired, pending) or takes them out
 * (granted). Signing ({@link org.opencpm.plugins.tmall.SignMethod}) follows TOP's documented md5,
 * hmac and hmac-sha256 methods; TOP's 200-with-{@code error_response} answers are read in
 * {@link org.opencpm.plugins.tmall.TopAnswer}. No inbound callbacks. Depends on the connector SPI,
 * Camel and jakarta.json only.
 */
package org.opencpm.plugins.tmall;
