/**
 * Verified, resumable HTTP(S) downloads of one file from a list of sources ({@link
 * io.gpen4j.internal.download.HttpDownloader}). Knows files, URIs and hashes, not models: the
 * caller names what is downloaded and turns a failure into its own exception. Not an API; entry
 * point is {@link io.gpen4j.models.ModelRepository}.
 */
package io.gpen4j.internal.download;
