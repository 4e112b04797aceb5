/**
 * The WeChat connector (Official Account, and mini-program subscribe messages). Out: each consent
 * change puts the subject's openid in, or takes it out of, the WeChat user tag of its purpose
 * ({@code /cgi-bin/tags/members/batchtagging} / {@code batchuntagging}, up to 50 openids a call),
 * with an access token from {@code /cgi-bin/token} cached and refreshed. In: WeChat's signed event
 * push at {@code /hooks/wechat/events} — {@code unsubscribe} withdraws, a subscribe-message
 * {@code accept} grants and {@code reject} withdraws — in plaintext, compatible or safe (AES) mode.
 *
 * <p>Depends on the connector SPI, the JDK (its HTTP client, XML parser and AES) and jakarta.json only.
 */
package org.opencpm.plugins.wechat;
