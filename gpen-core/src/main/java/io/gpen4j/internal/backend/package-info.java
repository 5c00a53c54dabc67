/** Backend discovery ({@link io.gpen4j.internal.backend.BackendLocator}). Not API. */
package io.gpen4j.internal.backend;
