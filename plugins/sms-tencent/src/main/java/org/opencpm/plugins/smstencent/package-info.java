/**
 * The Tencent Cloud SMS connector ({@code sms-tencent}). Out: the messages callers ask OpenCPM to
 * send, each only with a send permit, through {@code SendSms} (API 2021-01-11) signed
 * TC3-HMAC-SHA256 ({@link org.opencpm.plugins.smstencent.SmsSender},
 * {@link org.opencpm.plugins.smstencent.Tc3Signer}), Tencent's answer read into a receipt
 * ({@link org.opencpm.plugins.smstencent.SendSmsAnswer}). In: Tencent's reply callback at
 * {@code /hooks/sms-tencent/reply?token=…}, where an unsubscribe reply (T, TD, 退订…) withdraws the
 * configured marketing purposes for that phone ({@link org.opencpm.plugins.smstencent.ReplyInbox}).
 * Consent changes are settled without a request: Tencent keeps no consent.
 *
 * <p>Depends on the connector SPI, the JDK (its HTTP client), jakarta.json and Camel only.
 */
package org.opencpm.plugins.smstencent;
