/**
 * Strict JSON input: bodies are size-limited, strictly UTF-8 (never repaired into U+FFFD), exactly
 * one JSON object without duplicate keys, nested at most 64 deep, with bounded numbers and no
 * control characters in keys or values other than line breaks and tabs in free text; every field
 * is checked for name and type, naming the field when it is wrong. {@link org.opencpm.adapters.rest.json.StrictJson}
 * holds the grammar, {@link org.opencpm.adapters.rest.json.Fields} the field-by-field reading.
 */
package org.opencpm.adapters.rest.json;
