package io.gpen4j.examples.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The photo in a {@code multipart/form-data} body (RFC 7578), as a browser form or
 * {@code curl -F file=@photo.jpg} sends it: the part whose field name is {@code file}.
 *
 * <p>Only what an upload needs is parsed: the boundary, each part's {@code Content-Disposition}
 * and its bytes. The body is already in memory and bounded by the upload limit.
 *
 * @param fileName the file name the client gave, or empty
 * @param bytes the part's content
 */
record MultipartUpload(String fileName, byte[] bytes) {
  /** The form field that carries the photo. */
  static final String FIELD = "file";

  /**
   * Tells whether a request's {@code Content-Type} is a multipart form.
   *
   * @param contentType the header, or null
   * @return true for {@code multipart/form-data}
   */
  static boolean isMultipart(String contentType) {
    return contentType != null
        && contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
  }

  /**
   * Finds the {@code file} field.
   *
   * @param contentType the request's {@code Content-Type}, with its boundary
   * @param body the whole body
   * @return the field, or empty when there is no boundary, no such field or the body is malformed
   */
  static Optional<MultipartUpload> fileField(String contentType, byte[] body) {
    String boundary = boundary(contentType);
    if (boundary == null) {
      return Optional.empty();
    }
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    byte[] nextDelimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int at = indexOf(body, delimiter, 0);
    while (at >= 0) {
      int lineEnd = at + delimiter.length;
      if (lineEnd + 1 < body.length && body[lineEnd] == '-' && body[lineEnd + 1] == '-') {
        return Optional.empty(); // the closing delimiter
      }
      int headersStart = indexOf(body, new byte[] {'\r', '\n'}, lineEnd);
      int headersEnd = headersStart < 0 ? -1 : indexOf(body, new byte[] {'\r', '\n', '\r', '\n'}, headersStart);
      if (headersEnd < 0) {
        return Optional.empty();
      }
      int contentStart = headersEnd + 4;
      int contentEnd = indexOf(body, nextDelimiter, contentStart);
      if (contentEnd < 0) {
        return Optional.empty();
      }
      String headers = new String(body, headersStart + 2, headersEnd - headersStart - 2, StandardCharsets.UTF_8);
      String disposition = header(headers, "content-disposition");
      if (disposition != null && FIELD.equals(parameter(disposition, "name"))) {
        String fileName = parameter(disposition, "filename");
        return Optional.of(new MultipartUpload(fileName == null ? "" : fileName,
            Arrays.copyOfRange(body, contentStart, contentEnd)));
      }
      at = contentEnd + 2;
    }
    return Optional.empty();
  }

  private static String boundary(String contentType) {
    String b = parameter(contentType, "boundary");
    return b == null || b.isEmpty() || b.length() > 70 ? null : b;
  }

  private static String header(String headers, String name) {
    for (String line : headers.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }

  /** A {@code key=value} or {@code key="value"} parameter of a header value, or null. */
  private static String parameter(String value, String key) {
    for (String piece : value.split(";")) {
      int eq = piece.indexOf('=');
      if (eq > 0 && piece.substring(0, eq).trim().equalsIgnoreCase(key)) {
        String v = piece.substring(eq + 1).trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1);
        }
        return v;
      }
    }
    return null;
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
