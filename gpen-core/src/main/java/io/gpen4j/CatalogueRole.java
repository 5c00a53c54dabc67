package io.gpen4j;

import io.gpen4j.models.ModelRepository;
import io.gpen4j.models.ModelRole;
import io.gpen4j.models.ModelSpec;
import io.gpen4j.spi.ModelSource;
import java.util.Objects;

/** The one way every stage resolves a catalogue model: its role checked, then its verified file. */
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

  /**
   * Checks the role and resolves the model through the repository.
   *
   * @throws IllegalArgumentException if the model has another role
   * @throws ModelException if the repository cannot provide a verified file
   */
  static ModelSource resolve(ModelSpec model, ModelRepository repository, ModelRole role, String what) {
    require(model, repository, role, what);
    return repository.source(model);
  }
}
