package io.gpen4j.models;

import io.gpen4j.AlignmentTemplate;
import io.gpen4j.DetectorType;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A model the library knows: its file, how to verify and download it, its licence and its
 * input/output contract. The catalogue's entries are in {@link Models}; a {@link ModelRepository}
 * turns a spec into a verified local file.
 *
 * @param name the catalogue name, such as {@code GPEN-BFR-512}
 * @param fileName the file name on disk, such as {@code GPEN-BFR-512.onnx}; a plain name, no folders
 * @param description one line about the model
 * @param role what the model does
 * @param license the licence of the weights
 * @param sha256 the SHA-256 of the reference file, 64 lowercase hex digits
 * @param sizeBytes the size of the reference file, when known
 * @param locations where to download it, tried in order; empty when it can only be placed by hand
 * @param inputSize the side of the square input the model takes (for detectors with a dynamic
 *     input, the size the pipeline uses by default)
 * @param normalization how input pixels are mapped to the model's input values
 * @param template the alignment template, present for restorers
 * @param detectorType the decoder family, present for detectors
 * @param family the generator family, present for restorers; with {@code inputSize},
 *     {@code normalization} and {@code template} it makes the {@link #generatorProfile()}
 * @param parserFamily the face-parser family (class order), present for face parsers
 * @param scale how many times larger the output is than the input (1, 2 or 4), present for
 *     background upscalers; their {@code inputSize} is the tile side the pipeline uses by default
 * @param mattingFamily the portrait-matting family (input size rule and normalisation), present
 *     for portrait matters; their {@code inputSize} is the family's reference side
 */
public record ModelSpec(
    String name,
    String fileName,
    String description,
    ModelRole role,
    ModelLicense license,
    String sha256,
    OptionalLong sizeBytes,
    List<DownloadLocation> locations,
    int inputSize,
    Normalization normalization,
    Optional<AlignmentTemplate> template,
    Optional<DetectorType> detectorType,
    Optional<GeneratorFamily> family,
    Optional<ParserFamily> parserFamily,
    OptionalInt scale,
    Optional<MattingFamily> mattingFamily) {

  /**
   * Validates the spec, lowercases the hash and copies the locations.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the name is blank, the file name is not a plain file name,
   *     the hash is not 64 hex digits, a size is not positive, a restorer has no template or a
   *     detector type or no family, or a detector has no detector type, a template or a family, or
   *     a face parser has no parser family or its normalisation differs from the family's, or a
   *     background upscaler has no scale of 1, 2 or 4, or a template, a detector type or a family,
   *     or a portrait matter has no matting family, a normalisation other than the family's, or a
   *     template, a detector type or a generator family; a parser family, a scale or a matting
   *     family on another role is rejected too
   */
  public ModelSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(license, "license");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(sizeBytes, "sizeBytes");
    Objects.requireNonNull(locations, "locations");
    Objects.requireNonNull(normalization, "normalization");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(detectorType, "detectorType");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(parserFamily, "parserFamily");
    Objects.requireNonNull(scale, "scale");
    Objects.requireNonNull(mattingFamily, "mattingFamily");
    if (name.isBlank()) {
      throw new IllegalArgumentException("model name must not be blank");
    }
    if (fileName.isBlank()
        || fileName.equals(".")
        || fileName.equals("..")
        || fileName.indexOf('/') >= 0
        || fileName.indexOf('\\') >= 0
        || fileName.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "file name of " + name + " must be a plain file name: '" + fileName + "'");
    }
    if (!DownloadLocation.isSha256(sha256)) {
      throw new IllegalArgumentException(
          "sha256 of " + name + " must be 64 hex digits: '" + sha256 + "'");
    }
    sha256 = sha256.toLowerCase(Locale.ROOT);
    if (sizeBytes.isPresent() && sizeBytes.getAsLong() <= 0) {
      throw new IllegalArgumentException(
          "size of " + name + " must be positive: " + sizeBytes.getAsLong());
    }
    locations = List.copyOf(locations);
    if (inputSize <= 0) {
      throw new IllegalArgumentException("input size of " + name + " must be positive: " + inputSize);
    }
    if (role == ModelRole.RESTORER && (template.isEmpty() || detectorType.isPresent() || family.isEmpty())) {
      throw new IllegalArgumentException(
          "restorer " + name + " needs an alignment template, a generator family and no detector type");
    }
    if (role == ModelRole.DETECTOR && (detectorType.isEmpty() || template.isPresent() || family.isPresent())) {
      throw new IllegalArgumentException(
          "detector " + name + " needs a detector type and no alignment template or generator family");
    }
    if ((role == ModelRole.FACE_PARSER) != parserFamily.isPresent()) {
      throw new IllegalArgumentException("a parser family is for face parsers only, and every face parser needs "
          + "one: " + name + " is a " + role + " with parser family " + parserFamily);
    }
    if (parserFamily.isPresent() && normalization != parserFamily.get().normalization()) {
      throw new IllegalArgumentException("face parser " + name + " is a " + parserFamily.get() + ", which takes "
          + parserFamily.get().normalization() + ", not " + normalization);
    }
    if (role == ModelRole.BACKGROUND_UPSCALER && (scale.isEmpty() || template.isPresent()
        || detectorType.isPresent() || family.isPresent())) {
      throw new IllegalArgumentException("background upscaler " + name
          + " needs a scale and no alignment template, detector type or generator family");
    }
    if ((role == ModelRole.PORTRAIT_MATTER) != mattingFamily.isPresent()) {
      throw new IllegalArgumentException("a matting family is for portrait matters only, and every portrait matter "
          + "needs one: " + name + " is a " + role + " with matting family " + mattingFamily);
    }
    if (mattingFamily.isPresent() && (normalization != mattingFamily.get().normalization() || template.isPresent()
        || detectorType.isPresent() || family.isPresent())) {
      throw new IllegalArgumentException("portrait matter " + name + " is a " + mattingFamily.get() + ", which takes "
          + mattingFamily.get().normalization() + " (" + normalization + " given), and has no alignment template, "
          + "detector type or generator family");
    }
    if (scale.isPresent() && (role != ModelRole.BACKGROUND_UPSCALER
        || (scale.getAsInt() != 1 && scale.getAsInt() != 2 && scale.getAsInt() != 4))) {
      throw new IllegalArgumentException("scale of " + name + " must be 1, 2 or 4 and is for background upscalers only: "
          + scale.getAsInt());
    }
  }

  /**
   * Creates a spec of any role but a portrait matter: no matting family.
   *
   * @param name see the record
   * @param fileName see the record
   * @param description see the record
   * @param role see the record
   * @param license see the record
   * @param sha256 see the record
   * @param sizeBytes see the record
   * @param locations see the record
   * @param inputSize see the record
   * @param normalization see the record
   * @param template see the record
   * @param detectorType see the record
   * @param family see the record
   * @param parserFamily see the record
   * @param scale see the record
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException as the canonical constructor
   */
  public ModelSpec(
      String name,
      String fileName,
      String description,
      ModelRole role,
      ModelLicense license,
      String sha256,
      OptionalLong sizeBytes,
      List<DownloadLocation> locations,
      int inputSize,
      Normalization normalization,
      Optional<AlignmentTemplate> template,
      Optional<DetectorType> detectorType,
      Optional<GeneratorFamily> family,
      Optional<ParserFamily> parserFamily,
      OptionalInt scale) {
    this(name, fileName, description, role, license, sha256, sizeBytes, locations, inputSize,
        normalization, template, detectorType, family, parserFamily, scale, Optional.empty());
  }

  /**
   * Creates a spec of a restorer or a detector: no parser family and no scale.
   *
   * @param name see the record
   * @param fileName see the record
   * @param description see the record
   * @param role see the record
   * @param license see the record
   * @param sha256 see the record
   * @param sizeBytes see the record
   * @param locations see the record
   * @param inputSize see the record
   * @param normalization see the record
   * @param template see the record
   * @param detectorType see the record
   * @param family see the record
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException as the canonical constructor
   */
  public ModelSpec(
      String name,
      String fileName,
      String description,
      ModelRole role,
      ModelLicense license,
      String sha256,
      OptionalLong sizeBytes,
      List<DownloadLocation> locations,
      int inputSize,
      Normalization normalization,
      Optional<AlignmentTemplate> template,
      Optional<DetectorType> detectorType,
      Optional<GeneratorFamily> family) {
    this(name, fileName, description, role, license, sha256, sizeBytes, locations, inputSize,
        normalization, template, detectorType, family, Optional.empty(), OptionalInt.empty(), Optional.empty());
  }

  /**
   * Creates a spec as before generator families existed: a restorer is a GPEN generator, and
   * there is no face parser.
   *
   * @param name see the record
   * @param fileName see the record
   * @param description see the record
   * @param role see the record
   * @param license see the record
   * @param sha256 see the record
   * @param sizeBytes see the record
   * @param locations see the record
   * @param inputSize see the record
   * @param normalization see the record
   * @param template see the record
   * @param detectorType see the record
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException as the canonical constructor
   */
  public ModelSpec(
      String name,
      String fileName,
      String description,
      ModelRole role,
      ModelLicense license,
      String sha256,
      OptionalLong sizeBytes,
      List<DownloadLocation> locations,
      int inputSize,
      Normalization normalization,
      Optional<AlignmentTemplate> template,
      Optional<DetectorType> detectorType) {
    this(name, fileName, description, role, license, sha256, sizeBytes, locations, inputSize,
        normalization, template, detectorType,
        role == ModelRole.RESTORER ? Optional.of(GeneratorFamily.GPEN) : Optional.empty(), Optional.empty(),
        OptionalInt.empty(), Optional.empty());
  }

  /**
   * Returns what the pipeline needs to run this restorer: its family's scalar inputs with this
   * entry's size, template and normalisation.
   *
   * @return the profile, present for restorers
   */
  public Optional<GeneratorProfile> generatorProfile() {
    return family.map(f -> new GeneratorProfile(
        f, inputSize, template.orElseThrow(), normalization, f.profile().scalarInputs()));
  }

  /**
   * Returns every SHA-256 a file of this model may have: the reference hash first, then the hashes
   * of other exports that a download location serves.
   *
   * @return the hashes, in lowercase hex, without duplicates
   */
  public Set<String> acceptedSha256() {
    Set<String> hashes = new LinkedHashSet<>();
    hashes.add(sha256);
    for (DownloadLocation location : locations) {
      hashes.add(location.sha256());
    }
    return Collections.unmodifiableSet(hashes);
  }

  /**
   * Returns whether downloading this model needs the caller to accept its licence first.
   *
   * @return {@code license().requiresAcceptance()}
   */
  public boolean requiresLicenseAcceptance() {
    return license.requiresAcceptance();
  }

  @Override
  public String toString() {
    return name + " (" + fileName + ", sha256 " + sha256 + ")";
  }
}
