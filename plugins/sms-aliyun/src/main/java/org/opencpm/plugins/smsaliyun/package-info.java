/**
 * The Alibaba Cloud SMS connector ({@code sms-aliyun}): a send gateway and an unsubscribe inbox.
 *
 * <p>Out: {@link org.opencpm.plugins.smsaliyun.SendSmsSender} sends each message the host holds a
 * send permit for through Dysmsapi's {@code SendSms} (2017-05-25), signed with Alibaba Cloud's V3
 * signature ({@link org.opencpm.plugins.smsaliyun.Acs3Signer}, ACS3-HMAC-SHA256), and turns the
 * answer into a receipt ({@link org.opencpm.plugins.smsaliyun.SendAnswers}). Consent changes have
 * nothing to push to the gateway: the connector's route settles them (the gateway simply stops
 * getting permits).
 *
 * <p>In: {@link org.opencpm.plugins.smsaliyun.SmsUpInbox} takes the SmsUp push at
 * {@code /hooks/sms-aliyun/smsup?token=…} and turns each unsubscribe reply (T, TD, 退订… as
 * {@link org.opencpm.connectors.api.UnsubscribeKeywords} reads them) into a withdrawal of the
 * configured marketing purposes, under the reply's {@code sequence_id}.
 *
 * <p>Depends on the connector SPI, the JDK (its HTTP client) and jakarta.json only.
 */
package org.opencpm.plugins.smsaliyun;
