package io.gpen4j.examples.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Content-Security-Policy headers of the demo's answers. A page may run only its own inline
 * {@code <script>} and {@code <style>} elements, allowed by their SHA-256 hashes (CSP Level 2,
 * "hash-source"), so no injected markup can run script even if escaping ever failed; it may fetch
 * and open WebSockets only to its own origin ({@code 'self'} covers {@code ws:} of the same host in
 * CSP Level 3) and show images from data and blob URLs, which the pages build themselves. No page
 * may be framed ({@code frame-ancestors 'none'}, with {@code X-Frame-Options: DENY} for older
 * browsers).
 */
final class ContentSecurityPolicy {
  /** The header's name. */
  static final String HEADER = "Content-Security-Policy";

  /** For answers that are no page (JSON, errors): nothing may load or run. */
  static final String NOTHING = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private static final Pattern INLINE_SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);
  private static final Pattern INLINE_STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);
  private static final Pattern ANY_SCRIPT = Pattern.compile("<script\\b");
  private static final Pattern STYLE_ATTRIBUTE = Pattern.compile("\\sstyle\\s*=");

  private ContentSecurityPolicy() {}

  /**
   * Returns the policy for a page.
   *
   * @param html the page as sent
   * @return the header's value
   * @throws IllegalArgumentException if the page has a script with attributes (an external or
   *     typed script this policy would block) or an inline {@code style} attribute, which no hash
   *     allows: both would silently break under the policy
   */
  static String forPage(String html) {
    List<String> scripts = hashes(INLINE_SCRIPT, html);
    if (ANY_SCRIPT.matcher(html).results().count() != scripts.size()) {
      throw new IllegalArgumentException("only plain inline <script> elements are allowed by the page's policy");
    }
    if (STYLE_ATTRIBUTE.matcher(html).find()) {
      throw new IllegalArgumentException("a style attribute is blocked by the page's policy: use the <style> element");
    }
    return "default-src 'none'; script-src " + sources(scripts) + "; style-src " + sources(hashes(INLINE_STYLE, html))
        + "; img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'"
        + "; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  }

  private static String sources(List<String> hashes) {
    return hashes.isEmpty() ? "'none'" : String.join(" ", hashes);
  }

  private static List<String> hashes(Pattern element, String html) {
    List<String> hashes = new ArrayList<>();
    Matcher m = element.matcher(html);
    while (m.find()) {
      hashes.add("'sha256-" + Base64.getEncoder().encodeToString(sha256(m.group(1))) + "'");
    }
    return hashes;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
