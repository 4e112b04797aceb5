/**
 * The Ocean Engine (巨量引擎, Douyin's advertising platform) DMP connector: keeps one DMP data source
 * — the seed of the advertiser's custom audiences — in step with one consent purpose. A grant adds
 * the subject's hashed phone, anything else (a withdrawal, a denial, an expiry, an erasure) deletes
 * it, through the open API's documented two calls: {@code /open_api/2/dmp/data_source/file/upload/}
 * (a zip of base64 protobuf {@code DmpData} lines, with its MD5) and
 * {@code /open_api/2/dmp/data_source/update/} ({@code operation_type} 1 add, 2 delete, 3 reset).
 * Calls carry the {@code Access-Token} header; a token the platform calls expired or invalid is
 * refreshed once through OAuth2 and the call made again. Its reconciler (SPI 1.3) resets the data
 * source to the purpose's whole current audience on the host's schedule.
 *
 * <p>Depends on the connector SPI, the JDK, jakarta.json and Camel (its HTTP component) only.
 */
package org.opencpm.plugins.douyin;
