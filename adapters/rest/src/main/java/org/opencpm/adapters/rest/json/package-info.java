/**
 * Strict JSON input: bodies are size-limited, must be well-formed JSON objects without duplicate
 * keys, and every field is checked for name and type, naming the field when it is wrong.
 */
package org.opencpm.adapters.rest.json;
