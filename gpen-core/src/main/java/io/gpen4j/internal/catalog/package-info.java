/**
 * Lookups in the model catalogue ({@link io.gpen4j.models.Models}) that the library needs but does
 * not publish: {@link io.gpen4j.internal.catalog.KnownModels} recognises a catalogue file by its
 * hash. Depends on {@code io.gpen4j.models}, never the other way round. Not an API.
 */
package io.gpen4j.internal.catalog;
