/**
 * {@code gpen4j web}: {@link io.gpen4j.examples.web.WebDemoServer} serves a page where a photo is
 * uploaded, restored and compared with the original.
 */
package io.gpen4j.examples.web;
