/**
 * Every error as RFC 9457 {@code application/problem+json}: {@code type}, {@code title},
 * {@code status}, {@code detail}, the stable rule {@code code}, and for invalid input an
 * {@code errors} array of {@code {field, message}}. Framework errors (404, 405, 415…) included.
 */
package org.opencpm.adapters.rest.problem;
