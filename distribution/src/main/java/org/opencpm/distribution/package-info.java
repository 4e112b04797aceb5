/**
 * The runnable server: Helidon MP, with every adapter wired to the use cases in
 * {@link org.opencpm.distribution.OpenCpmWiring}, its configuration (built-in defaults,
 * {@code conf/opencpm.properties}, environment, system properties) and its data folder.
 *
 * <p>Depends on everything; nothing depends on it.
 */
package org.opencpm.distribution;
