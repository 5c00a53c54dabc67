/**
 * {@code gpen4j restore}: {@link io.gpen4j.examples.cli.RestoreCommand} expands files and folders
 * into a batch, restores it on worker threads sharing one restorer, shows progress and writes a
 * summary or a JSON report.
 */
package io.gpen4j.examples.cli;
