package io.gpen4j;

import io.gpen4j.models.ModelRepository;
import io.gpen4j.models.ModelRole;
import io.gpen4j.models.ModelSpec;
import java.util.Objects;

/**
 * The check every stage makes before it resolves a catalogue model (through
 * {@link ModelRepository#source}, the one way stages resolve catalogue models): the model's role.
 */
final class CatalogueRole {
  private CatalogueRole() {}

  /**
   * Checks a catalogue model's role before it is resolved.
   *
   * @throws IllegalArgumentException if the model has another role
   */
  static void require(ModelSpec model, ModelRepository repository, ModelRole role, String what) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(repository, "repository");
    if (model.role() != role) {
      throw new IllegalArgumentException(model.name() + " is a " + model.role() + ", not a " + what);
    }
  }
}
