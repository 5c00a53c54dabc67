package io.gpen4j.models;

import java.io.Serializable;
import java.net.URI;
import java.util.Objects;

/**
 * The licence a model's weights are published under.
 *
 * <p>A licence that {@link #requiresAcceptance() requires acceptance} (the GPEN weights and
 * InsightFace's SCRFD are for non-commercial use only) is never downloaded by a {@link
 * ModelRepository} unless the caller named its {@link #id()} with {@link
 * ModelRepository.Builder#acceptLicense(String)}.
 *
 * @param id the short identifier used to accept it, such as {@code gpen-non-commercial}
 * @param name a human-readable summary of the terms
 * @param uri where to read the terms
 * @param requiresAcceptance whether downloads need the caller's explicit acceptance
 */
public record ModelLicense(String id, String name, URI uri, boolean requiresAcceptance)
    implements Serializable {
  /**
   * Validates the licence.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code id} or {@code name} is blank
   */
  public ModelLicense {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(uri, "uri");
    if (id.isBlank()) {
      throw new IllegalArgumentException("licence id must not be blank");
    }
    if (name.isBlank()) {
      throw new IllegalArgumentException("licence name must not be blank: " + id);
    }
  }

  @Override
  public String toString() {
    return name + " [" + id + "] (" + uri + ")";
  }
}
