package io.gpen4j.idphoto;

import java.util.Objects;

/**
 * One rule of a specification, checked on one photo.
 *
 * @param rule the rule's name, such as {@code headHeight}
 * @param required what the spec requires, readable ({@code 25.4-34.9 mm})
 * @param measured what the photo has, readable ({@code 30.2 mm})
 * @param passed whether the photo meets the rule
 */
public record RuleCheck(String rule, String required, String measured, boolean passed) {
  /**
   * Validates the check.
   *
   * @throws NullPointerException if a text is null
   */
  public RuleCheck {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(required, "required");
    Objects.requireNonNull(measured, "measured");
  }
}
