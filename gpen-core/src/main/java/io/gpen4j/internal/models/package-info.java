/**
 * Internals of the model catalogue: manifest parsing ({@link
 * io.gpen4j.internal.models.ManifestParser}), verified, resumable HTTP downloads ({@link
 * io.gpen4j.internal.models.HttpDownloader}), file locks and hash stamps. Not an API; entry point
 * is {@link io.gpen4j.models.ModelRepository}.
 */
package io.gpen4j.internal.models;
