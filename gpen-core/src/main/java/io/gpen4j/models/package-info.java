/**
 * The model catalogue and model files: {@link io.gpen4j.models.Models} lists the known models
 * (GPEN generators and face detectors) with their hashes, licences and input contracts, and {@link
 * io.gpen4j.models.ModelRepository} turns one into a verified local file, downloading it when the
 * caller allows it and has accepted its licence.
 */
package io.gpen4j.models;
