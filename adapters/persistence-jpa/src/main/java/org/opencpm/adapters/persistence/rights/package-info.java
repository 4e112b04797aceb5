/** People's rights requests in {@code rights_request}. */
package org.opencpm.adapters.persistence.rights;
