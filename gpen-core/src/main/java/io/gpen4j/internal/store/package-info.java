/**
 * The local model store: default folders ({@link io.gpen4j.internal.store.DefaultDirectories}),
 * SHA-256 hashing and remembered hashes ({@link io.gpen4j.internal.store.VerifiedFiles}), and the
 * OS file lock that keeps two downloaders of one file apart ({@link
 * io.gpen4j.internal.store.ModelFileLock}). Knows nothing of the catalogue. Not an API; entry
 * point is {@link io.gpen4j.models.ModelRepository}.
 */
package io.gpen4j.internal.store;
