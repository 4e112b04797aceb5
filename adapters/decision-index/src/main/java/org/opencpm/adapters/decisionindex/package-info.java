/**
 * The decision index: what decisions are read from, in memory, never touching the database on a
 * read. Depends on the application's ports and the domain only.
 */
package org.opencpm.adapters.decisionindex;
