/**
 * The HTTP listener's defences, so that no client without a key can stop the server from serving:
 * a connection cap kept below the process's open-file limit and a share of it per client address,
 * timeouts for idle connections, for reading a request's head, for pauses in its body and for
 * writes to a client that does not read, a watchdog that notices a listener that no longer serves,
 * and the operator-facing exposure rules (metrics behind a key, safe response headers, 405 for
 * methods no route serves).
 */
package org.opencpm.distribution.http;
