/*
 * OpenCPM consent collection SDK, loaded by brand pages from another origin:
 *   <script src="https://cpm.example.com/sdk/opencpm.js" defer></script>
 * Placeholder: the consent dialog is to come. Plain ES2020, no build step, no dependencies.
 */
(function (global) {
  'use strict';
  if (global.OpenCPM) return;
  global.OpenCPM = Object.freeze({ version: '0.1.0' });
}(typeof window !== 'undefined' ? window : globalThis));
