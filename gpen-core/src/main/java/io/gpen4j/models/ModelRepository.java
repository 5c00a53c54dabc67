package io.gpen4j.models;

import io.gpen4j.ModelException;
import io.gpen4j.internal.download.HttpDownloader;
import io.gpen4j.internal.download.LazyHttpClient;
import io.gpen4j.internal.store.DefaultDirectories;
import io.gpen4j.internal.store.VerifiedFiles;
import io.gpen4j.spi.ModelSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Turns a model name into a verified local file. For a model it looks, in order, at:
 *
 * <ol>
 *   <li>an explicit file given with {@link Builder#modelFile(ModelSpec, Path)};
 *   <li>the models directory: {@link Builder#modelsDirectory(Path)}, else the system property
 *       {@code gpen4j.models.dir}, else the environment variable {@code GPEN_MODELS_DIR};
 *   <li>the download cache: {@link Builder#cacheDirectory(Path)}, else {@code
 *       $XDG_CACHE_HOME/gpen4j}, else {@code ~/.cache/gpen4j};
 *   <li>a download into the cache, only when the caller {@link Builder#allowDownload(boolean)
 *       allows downloads}, is not {@link Builder#offline(boolean) offline}, and has {@link
 *       Builder#acceptLicense(String) accepted} the model's licence if it requires acceptance.
 * </ol>
 *
 * <p>Every file is checked against the model's SHA-256 before it is returned; a file in the first
 * two places with the wrong hash is an error (it is the caller's file, never replaced), a wrong
 * file in the cache is downloaded again when downloads are allowed. Each file is hashed in full on
 * its first use in a process (so a file corrupted in place is seen), and not again in that process
 * while it stays the same file; nothing is written to remember hashes. Downloads stream
 * to a {@code .part} file, resume after a dropped connection, verify the SHA-256 and move into place
 * atomically; an OS file lock keeps two processes (or threads) from downloading the same model at
 * once, and the second finds the first one's file.
 *
 * <p>Thread-safe: one instance may serve any number of threads. It holds no open files between
 * calls; the HTTP client is created on the first download.
 */
public final class ModelRepository {
  private final Optional<Path> modelsDirectory;
  private final Path cacheDirectory;
  private final Map<String, Path> modelFiles;
  private final boolean allowDownload;
  private final boolean offline;
  private final Set<String> acceptedLicenses;
  private final VerifiedFiles verified;
  private final ModelDownloader downloader;

  private ModelRepository(Builder b) {
    this.modelsDirectory =
        b.modelsDirectory != null
            ? Optional.of(b.modelsDirectory.toAbsolutePath())
            : DefaultDirectories.modelsDirectory(b.environment, b.properties);
    this.cacheDirectory =
        (b.cacheDirectory != null
                ? b.cacheDirectory
                : DefaultDirectories.cacheDirectory(b.environment, b.properties))
            .toAbsolutePath();
    this.modelFiles = Map.copyOf(b.modelFiles);
    this.allowDownload = b.allowDownload;
    this.offline = b.offline;
    this.acceptedLicenses = Set.copyOf(b.acceptedLicenses);
    this.verified = new VerifiedFiles();
    HttpDownloader http =
        new HttpDownloader(
            new LazyHttpClient(b.httpClient, b.connectTimeout), b.readTimeout, b.maxAttempts, b.retryDelay);
    this.downloader = new ModelDownloader(http, verified, b.mirrors, b.listener);
  }

  /**
   * Returns a builder with the defaults: directories from the environment, downloads off, no
   * licence accepted, 30 s connect timeout, 60 s read timeout, 3 attempts per location.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a verified local file of a model, downloading it if allowed.
   *
   * @param model the model
   * @return the file, whose SHA-256 is one of {@link ModelSpec#acceptedSha256()}
   * @throws NullPointerException if {@code model} is null
   * @throws LicenseNotAcceptedException if the model must be downloaded and its licence needs an
   *     acceptance that was not given; nothing is downloaded
   * @throws ModelDownloadException if the download fails at every location
   * @throws ModelException if the model is not available and cannot be downloaded (offline,
   *     downloads off, no location), or a given file is missing or has the wrong hash; the message
   *     names the model, the expected path and the SHA-256
   */
  public Path resolve(ModelSpec model) {
    Objects.requireNonNull(model, "model");
    Path explicit = modelFiles.get(model.name());
    if (explicit != null) {
      if (!Files.isRegularFile(explicit)) {
        throw new ModelException(
            "model " + model.name() + ": the file given for it does not exist: " + explicit);
      }
      return verifyOwnFile(model, explicit, "the file given for it");
    }
    if (modelsDirectory.isPresent()) {
      Path file = modelsDirectory.get().resolve(model.fileName());
      if (Files.isRegularFile(file)) {
        return verifyOwnFile(model, file, "the file in the models directory");
      }
    }
    Path cached = cachePath(model);
    String cachedProblem = null;
    if (Files.isRegularFile(cached)) {
      String actual = hash(model, cached);
      if (model.acceptedSha256().contains(actual)) {
        return cached;
      }
      cachedProblem =
          "the cached file "
              + cached
              + " is corrupted: expected sha256 "
              + model.sha256()
              + ", found "
              + actual
              + "; delete it to download it again";
    }
    checkDownloadAllowed(model, cachedProblem);
    return downloader.download(model, cached);
  }

  /**
   * Returns a verified local file of a model named as {@link Models#byName(String)} accepts.
   *
   * @param name the model name, such as {@code GPEN-BFR-512}
   * @return the file
   * @throws NullPointerException if {@code name} is null
   * @throws ModelException if the name is unknown (the message lists the known names), or for the
   *     reasons given in {@link #resolve(ModelSpec)}
   */
  public Path resolve(String name) {
    return resolve(Models.byName(name));
  }

  /**
   * Resolves a model and describes it for an inference backend.
   *
   * @param model the model
   * @return the source: the verified file, named after the model
   * @throws ModelException for the reasons given in {@link #resolve(ModelSpec)}
   */
  public ModelSource source(ModelSpec model) {
    return new ModelSource(resolve(model), model.name());
  }

  /**
   * Returns a verified local file of a model without ever touching the network.
   *
   * @param model the model
   * @return the file, or empty when no verified copy is in the places {@link #resolve} looks
   * @throws NullPointerException if {@code model} is null
   * @throws ModelException if a file given explicitly or in the models directory has the wrong hash
   */
  public Optional<Path> findLocal(ModelSpec model) {
    Objects.requireNonNull(model, "model");
    Path explicit = modelFiles.get(model.name());
    if (explicit != null) {
      return Files.isRegularFile(explicit)
          ? Optional.of(verifyOwnFile(model, explicit, "the file given for it"))
          : Optional.empty();
    }
    if (modelsDirectory.isPresent()) {
      Path file = modelsDirectory.get().resolve(model.fileName());
      if (Files.isRegularFile(file)) {
        return Optional.of(verifyOwnFile(model, file, "the file in the models directory"));
      }
    }
    Path cached = cachePath(model);
    if (Files.isRegularFile(cached) && model.acceptedSha256().contains(hash(model, cached))) {
      return Optional.of(cached);
    }
    return Optional.empty();
  }

  /**
   * Returns the SHA-256 of the file in the download cache for a model, whether or not it is the
   * model's: a caller that found no verified copy with {@link #findLocal} tells a corrupted cached
   * file (a hash not in {@link ModelSpec#acceptedSha256()}) from a missing one.
   *
   * @param model the model
   * @return the hash, or empty when {@link #cachePath} holds no file
   * @throws NullPointerException if {@code model} is null
   * @throws ModelException if the file exists but cannot be read
   */
  public Optional<String> cachedFileSha256(ModelSpec model) {
    Path cached = cachePath(Objects.requireNonNull(model, "model"));
    return Files.isRegularFile(cached) ? Optional.of(hash(model, cached)) : Optional.empty();
  }

  /**
   * Returns where a downloaded model is kept: {@code <cache directory>/<file name>}.
   *
   * @param model the model
   * @return the path, which need not exist
   */
  public Path cachePath(ModelSpec model) {
    return cacheDirectory.resolve(model.fileName());
  }

  /**
   * Returns the models directory, if one is configured.
   *
   * @return the folder
   */
  public Optional<Path> modelsDirectory() {
    return modelsDirectory;
  }

  /**
   * Returns the download cache folder.
   *
   * @return the folder, which need not exist yet
   */
  public Path cacheDirectory() {
    return cacheDirectory;
  }

  private Path verifyOwnFile(ModelSpec model, Path file, String what) {
    String actual = hash(model, file);
    if (!model.acceptedSha256().contains(actual)) {
      throw new ModelException(
          "model "
              + model.name()
              + ": "
              + what
              + ", "
              + file
              + ", is corrupted or another file: expected sha256 "
              + model.sha256()
              + (model.acceptedSha256().size() > 1
                  ? " (also accepted: " + otherHashes(model) + ")"
                  : "")
              + ", found "
              + actual
              + "; replace it with a good copy");
    }
    return file;
  }

  private String hash(ModelSpec model, Path file) {
    try {
      return verified.sha256(file);
    } catch (IOException e) {
      throw new ModelException(
          "model " + model.name() + ": cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private void checkDownloadAllowed(ModelSpec model, String cachedProblem) {
    String problem = cachedProblem == null ? "" : " (" + cachedProblem + ")";
    if (offline) {
      throw new ModelException(
          "model "
              + model.name()
              + " is not available locally"
              + problem
              + " and the repository is offline, so nothing was downloaded. "
              + placeByHand(model));
    }
    if (!allowDownload) {
      throw new ModelException(
          "model "
              + model.name()
              + " is not available locally"
              + problem
              + " and downloads are off; allow them with ModelRepository.builder()"
              + ".allowDownload(true), or: "
              + placeByHand(model));
    }
    if (!downloader.hasLocation(model)) {
      throw new ModelException(
          "model " + model.name() + " has no download location. " + placeByHand(model));
    }
    ModelLicense license = model.license();
    if (license.requiresAcceptance() && !acceptedLicenses.contains(license.id())) {
      throw new LicenseNotAcceptedException(
          "model "
              + model.name()
              + " must be downloaded, but its licence needs your acceptance first: "
              + license.name()
              + ". Read it at "
              + license.uri()
              + ". To accept it, build the repository with .acceptLicense(\""
              + license.id()
              + "\"). Nothing was downloaded.",
          license);
    }
  }

  private String placeByHand(ModelSpec model) {
    StringBuilder s = new StringBuilder("Put the file ").append(model.fileName()).append(" (sha256 ");
    s.append(model.sha256());
    model.sizeBytes().ifPresent(size -> s.append(", ").append(size).append(" bytes"));
    s.append(") at ").append(cachePath(model));
    modelsDirectory.ifPresent(
        dir -> s.append(" or at ").append(dir.resolve(model.fileName())));
    if (!model.locations().isEmpty()) {
      s.append("; it can be downloaded from ").append(model.locations().get(0).uri());
    }
    s.append(" (licence: ").append(model.license().name()).append(", ").append(model.license().uri());
    return s.append(')').toString();
  }

  private static String otherHashes(ModelSpec model) {
    List<String> others = new ArrayList<>(model.acceptedSha256());
    others.remove(model.sha256());
    return String.join(", ", others);
  }

  /**
   * Configures a {@link ModelRepository}. Not thread-safe; {@link #build()} copies the settings, so
   * a builder may be reused.
   */
  public static final class Builder {
    private Path modelsDirectory;
    private Path cacheDirectory;
    private final Map<String, Path> modelFiles = new HashMap<>();
    private boolean allowDownload;
    private boolean offline;
    private final Set<String> acceptedLicenses = new HashSet<>();
    private DownloadListener listener = DownloadListener.NONE;
    private final List<URI> mirrors = new ArrayList<>();
    private Duration connectTimeout = Duration.ofSeconds(30);
    private Duration readTimeout = Duration.ofSeconds(60);
    private int maxAttempts = 3;
    private Duration retryDelay = Duration.ofSeconds(1);
    private HttpClient httpClient;
    private UnaryOperator<String> environment = System::getenv;
    private UnaryOperator<String> properties = System::getProperty;

    private Builder() {}

    /**
     * Sets the folder of model files the user manages, looked at before the cache. Files there are
     * verified but never replaced or downloaded into.
     *
     * @param directory the folder
     * @return this builder
     * @throws NullPointerException if {@code directory} is null
     */
    public Builder modelsDirectory(Path directory) {
      this.modelsDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Sets the download cache folder.
     *
     * @param directory the folder; created on the first download
     * @return this builder
     * @throws NullPointerException if {@code directory} is null
     */
    public Builder cacheDirectory(Path directory) {
      this.cacheDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Uses a given file for a model, before any folder. The file must exist and have the model's
     * SHA-256 when the model is resolved.
     *
     * @param model the model
     * @param file its file
     * @return this builder
     * @throws NullPointerException if an argument is null
     */
    public Builder modelFile(ModelSpec model, Path file) {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(file, "file");
      modelFiles.put(model.name(), file.toAbsolutePath());
      return this;
    }

    /**
     * Sets whether models missing locally may be downloaded. Off by default.
     *
     * @param allow true to allow downloads
     * @return this builder
     */
    public Builder allowDownload(boolean allow) {
      this.allowDownload = allow;
      return this;
    }

    /**
     * Sets offline mode: the network is never used, even when downloads are allowed, and a missing
     * model fails with a message saying which file to put where. Off by default.
     *
     * @param offline true to stay offline
     * @return this builder
     */
    public Builder offline(boolean offline) {
      this.offline = offline;
      return this;
    }

    /**
     * Accepts a licence, by its {@link ModelLicense#id() id}, so models under it may be downloaded.
     * Accept only licences you have read and comply with (the GPEN weights are for non-commercial
     * use only).
     *
     * @param licenseId the licence id, such as {@code gpen-non-commercial}
     * @return this builder
     * @throws NullPointerException if {@code licenseId} is null
     * @throws IllegalArgumentException if {@code licenseId} is blank
     */
    public Builder acceptLicense(String licenseId) {
      Objects.requireNonNull(licenseId, "licenseId");
      if (licenseId.isBlank()) {
        throw new IllegalArgumentException("licence id must not be blank");
      }
      acceptedLicenses.add(licenseId);
      return this;
    }

    /**
     * Accepts several licences by id, as {@link #acceptLicense(String)} does.
     *
     * @param licenseIds the licence ids
     * @return this builder
     * @throws NullPointerException if the collection or an id is null
     * @throws IllegalArgumentException if an id is blank
     */
    public Builder acceptLicenses(Collection<String> licenseIds) {
      Objects.requireNonNull(licenseIds, "licenseIds");
      licenseIds.forEach(this::acceptLicense);
      return this;
    }

    /**
     * Sets the listener told about download progress.
     *
     * @param listener the listener; {@link DownloadListener#NONE} by default
     * @return this builder
     * @throws NullPointerException if {@code listener} is null
     */
    public Builder downloadListener(DownloadListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Adds a mirror tried before a model's own locations: a base URL under which model files lie
     * by file name (such as an in-house server). Mirrors are tried in the order added.
     *
     * @param baseUri the base, such as {@code https://models.example.com/gpen4j/}
     * @return this builder
     * @throws NullPointerException if {@code baseUri} is null
     * @throws IllegalArgumentException if it is not an absolute http(s) URI
     */
    public Builder mirror(URI baseUri) {
      Objects.requireNonNull(baseUri, "baseUri");
      String scheme = baseUri.getScheme();
      if (scheme == null
          || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || baseUri.getHost() == null) {
        throw new IllegalArgumentException("mirror must be an absolute http(s) URI: " + baseUri);
      }
      String text = baseUri.toString();
      mirrors.add(URI.create(text.endsWith("/") ? text : text + "/"));
      return this;
    }

    /**
     * Sets how long to wait for a connection.
     *
     * @param timeout the timeout, positive; 30 s by default
     * @return this builder
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if it is not positive
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * Sets how long a download may wait for the response, and then for each further byte, before
     * the attempt is abandoned (and retried).
     *
     * @param timeout the timeout, positive; 60 s by default
     * @return this builder
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if it is not positive
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive(timeout, "readTimeout");
      return this;
    }

    /**
     * Sets how many times one location is tried after failures that may pass (dropped connection,
     * timeout, HTTP 5xx) before the next location is tried.
     *
     * @param attempts at least 1; 3 by default
     * @return this builder
     * @throws IllegalArgumentException if {@code attempts} is less than 1
     */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1: " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /**
     * Uses a given HTTP client for downloads (for proxies, custom TLS, or tests). Its redirect
     * policy should follow redirects: GitHub and Hugging Face serve files through them. By default
     * the repository creates one on the first download.
     *
     * @param client the client
     * @return this builder
     * @throws NullPointerException if {@code client} is null
     */
    public Builder httpClient(HttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /** Sets the pause before a retry, doubled for each further one (tests shorten it). */
    Builder retryDelay(Duration delay) {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("retryDelay must not be negative: " + delay);
      }
      this.retryDelay = delay;
      return this;
    }

    /** Replaces the environment and system property lookups (tests). */
    Builder lookups(UnaryOperator<String> environment, UnaryOperator<String> properties) {
      this.environment = Objects.requireNonNull(environment, "environment");
      this.properties = Objects.requireNonNull(properties, "properties");
      return this;
    }

    /**
     * Builds the repository.
     *
     * @return a new repository
     */
    public ModelRepository build() {
      return new ModelRepository(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }
  }
}
