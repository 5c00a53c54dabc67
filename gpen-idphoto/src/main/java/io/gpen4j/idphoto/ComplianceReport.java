package io.gpen4j.idphoto;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What an ID photo measures against its specification: head height and eye line in millimetres,
 * the tilt of the eye line before and after levelling, how uniform the background is, and pass or
 * fail per rule. The measurements are taken on the finished photo (the face detected again, the
 * crown read from the matte), not copied from the plan.
 *
 * @param spec the specification's name
 * @param widthPx the photo's width
 * @param heightPx the photo's height
 * @param dpi the resolution written into the file
 * @param headHeightMm chin to crown
 * @param eyeLineMm the eye line's height above the bottom edge
 * @param topMarginMm the space between the crown and the top edge
 * @param tiltBeforeDegrees the eye line's angle in the input photo
 * @param tiltAfterDegrees the eye line's angle in the ID photo
 * @param backgroundDeviation the root-mean-square distance (0-255 per channel) of the pixels in the
 *     photo's top corners from the background colour: 0 is perfectly uniform
 * @param enlargement how much the input was enlarged (above 1) or shrunk
 * @param background the background colour, {@code 0xRRGGBB}
 * @param fileBytes the written file's size, or 0 before it is written
 * @param rules every rule, checked
 */
public record ComplianceReport(String spec, int widthPx, int heightPx, int dpi, double headHeightMm, double eyeLineMm,
    double topMarginMm, double tiltBeforeDegrees, double tiltAfterDegrees, double backgroundDeviation,
    double enlargement, int background, long fileBytes, List<RuleCheck> rules) {

  /**
   * Validates the report.
   *
   * @throws NullPointerException if the spec name or the rules are null
   */
  public ComplianceReport {
    Objects.requireNonNull(spec, "spec");
    rules = List.copyOf(rules);
  }

  /**
   * Tells whether every rule passed.
   *
   * @return whether the photo complies
   */
  public boolean passed() {
    return rules.stream().allMatch(RuleCheck::passed);
  }

  /**
   * Returns this report with the written file's size and its rule.
   *
   * @param bytes the file's size
   * @param spec the specification, for its limits
   * @return a new report
   */
  public ComplianceReport withFile(long bytes, IdPhotoSpec spec) {
    List<RuleCheck> all = new ArrayList<>(rules);
    all.removeIf(r -> r.rule().equals("fileSize"));
    if (spec.minFileKb() > 0 || spec.maxFileKb() > 0) {
      boolean ok = bytes >= spec.minFileKb() * 1000L && (spec.maxFileKb() == 0 || bytes <= spec.maxFileKb() * 1000L);
      String required = spec.maxFileKb() == 0 ? "at least " + spec.minFileKb() + " kB"
          : spec.minFileKb() + "-" + spec.maxFileKb() + " kB";
      all.add(new RuleCheck("fileSize", required, String.format(Locale.ROOT, "%.1f kB", bytes / 1000.0), ok));
    }
    return new ComplianceReport(this.spec, widthPx, heightPx, dpi, headHeightMm, eyeLineMm, topMarginMm,
        tiltBeforeDegrees, tiltAfterDegrees, backgroundDeviation, enlargement, background, bytes, all);
  }

  /**
   * Returns the report as JSON.
   *
   * @return a pretty-printed JSON object with every field and the rules
   */
  public String toJson() {
    return new GsonBuilder().setPrettyPrinting().create().toJson(toJsonObject());
  }

  /**
   * Returns the report as a Gson object, for a caller that embeds it in a larger report.
   *
   * @return a new JSON object
   */
  public JsonObject toJsonObject() {
    JsonObject o = new JsonObject();
    o.addProperty("spec", spec);
    o.addProperty("passed", passed());
    o.addProperty("widthPx", widthPx);
    o.addProperty("heightPx", heightPx);
    o.addProperty("dpi", dpi);
    o.addProperty("headHeightMm", round(headHeightMm, 2));
    o.addProperty("eyeLineMm", round(eyeLineMm, 2));
    o.addProperty("topMarginMm", round(topMarginMm, 2));
    o.addProperty("tiltBeforeDegrees", round(tiltBeforeDegrees, 2));
    o.addProperty("tiltAfterDegrees", round(tiltAfterDegrees, 2));
    o.addProperty("backgroundDeviation", round(backgroundDeviation, 2));
    o.addProperty("background", String.format(Locale.ROOT, "#%06X", background));
    o.addProperty("enlargement", round(enlargement, 3));
    if (fileBytes > 0) {
      o.addProperty("fileBytes", fileBytes);
    }
    JsonArray rs = new JsonArray();
    for (RuleCheck r : rules) {
      JsonObject j = new JsonObject();
      j.addProperty("rule", r.rule());
      j.addProperty("required", r.required());
      j.addProperty("measured", r.measured());
      j.addProperty("passed", r.passed());
      rs.add(j);
    }
    o.add("rules", rs);
    return o;
  }

  /**
   * Returns a readable summary: one line for the photo, one per rule.
   *
   * @return lines separated by {@code \n}
   */
  public String summary() {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        "%s: %dx%d px at %d dpi, head %.1f mm, eye line %.1f mm from the bottom, top margin %.1f mm, "
            + "tilt %.2f° -> %.2f°, background deviation %.2f: %s%n",
        spec, widthPx, heightPx, dpi, headHeightMm, eyeLineMm, topMarginMm, tiltBeforeDegrees, tiltAfterDegrees,
        backgroundDeviation, passed() ? "PASS" : "FAIL"));
    for (RuleCheck r : rules) {
      s.append(String.format(Locale.ROOT, "  %-4s %-16s required %s, measured %s%n", r.passed() ? "ok" : "FAIL",
          r.rule(), r.required(), r.measured()));
    }
    return s.toString().stripTrailing();
  }

  private static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }
}
