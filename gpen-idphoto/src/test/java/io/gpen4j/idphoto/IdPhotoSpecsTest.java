package io.gpen4j.idphoto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in specs, a user's file, and the messages for a broken one. */
final class IdPhotoSpecsTest {
  @TempDir Path dir;

  @Test
  void builtIn_hasTheIssuesStandardsWithSources() {
    IdPhotoSpecs specs = IdPhotoSpecs.builtIn();
    for (String name : List.of("cn-1inch", "cn-2inch", "cn-passport", "us-passport", "eu-schengen", "uk-passport",
        "jp-passport", "in-passport", "in-visa")) {
      IdPhotoSpec spec = specs.get(name);
      assertFalse(spec.source().isBlank(), name);
      assertTrue(spec.allows(spec.background()), name + " allows its own default background");
      // The head fits under the top margin or below the eye line's reach.
      assertTrue(spec.headHeightMm().max() < spec.heightMm(), name);
    }
    IdPhotoSpec us = specs.get("US-Passport");
    assertEquals(600, us.widthPx());
    assertEquals(600, us.heightPx());
    assertEquals(300, us.dpi());
    assertEquals(new MmRange(25.4, 34.9), us.headHeightMm());
    assertEquals(240, us.maxFileKb());
    IdPhotoSpec cn1 = specs.get("cn-1inch");
    assertEquals(295, cn1.widthPx());
    assertEquals(413, cn1.heightPx());
    assertEquals(33, specs.get("cn-passport").widthMm());
    assertEquals(48, specs.get("cn-passport").heightMm());
  }

  @Test
  void with_usersFile_addsAndReplacesSpecs() throws Exception {
    Path file = dir.resolve("mine.json");
    Files.writeString(file, """
        {"specs": [
          {"name": "club-card", "title": "Club card", "widthMm": 30, "heightMm": 40, "dpi": 300,
           "widthPx": 354, "heightPx": 472, "headHeightMm": [25, 29], "topMarginMm": [3, 4],
           "background": "#336699", "source": "the club's rules"},
          {"name": "us-passport", "title": "US, larger", "widthMm": 50.8, "heightMm": 50.8, "dpi": 600,
           "widthPx": 1200, "heightPx": 1200, "headHeightMm": [25.4, 34.9], "eyeLineMm": [28.6, 34.9],
           "background": "white", "maxFileKb": 240}
        ]}""");
    IdPhotoSpecs specs = IdPhotoSpecs.builtIn().with(file);
    assertEquals(0x336699, specs.get("club-card").background());
    assertEquals(1200, specs.get("us-passport").widthPx());
    assertEquals(IdPhotoSpecs.builtIn().all().size() + 1, specs.all().size());
  }

  @Test
  void with_brokenSpec_namesTheFileTheSpecAndTheField() throws Exception {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, """
        {"specs": [{"name": "bad", "widthMm": 30, "heightMm": 40, "dpi": 300, "widthPx": 354, "heightPx": 472,
          "headHeightMm": [25, 29]}]}""");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdPhotoSpecs.builtIn().with(file));
    assertTrue(e.getMessage().contains("broken.json, specs[0] (bad)"), e.getMessage());
    assertTrue(e.getMessage().contains("eyeLineMm, topMarginMm or both"), e.getMessage());

    Files.writeString(file, """
        {"specs": [{"name": "bad", "widthMm": 30, "heightMm": 40, "dpi": 300, "widthPx": 500, "heightPx": 472,
          "headHeightMm": [25, 29], "topMarginMm": [3, 4]}]}""");
    e = assertThrows(IllegalArgumentException.class, () -> IdPhotoSpecs.builtIn().with(file));
    assertTrue(e.getMessage().contains("500x472 px is not 30.0x40.0 mm at 300 dpi (354x472 px)"), e.getMessage());

    Files.writeString(file, "{\"specs\": [");
    e = assertThrows(IllegalArgumentException.class, () -> IdPhotoSpecs.builtIn().with(file));
    assertTrue(e.getMessage().contains("is not valid JSON"), e.getMessage());
  }

  @Test
  void get_unknown_listsTheKnownNames() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdPhotoSpecs.builtIn().get("mars"));
    assertTrue(e.getMessage().contains("unknown ID-photo spec 'mars'; known specs: cn-1inch, "), e.getMessage());
  }

  @Test
  void backgroundColor_parsesNamesAndHex() {
    assertEquals(0x438EDB, BackgroundColor.parse("Blue").rgb());
    assertEquals(0xFF0000, BackgroundColor.parse("red").rgb());
    assertEquals(0x12AB34, BackgroundColor.parse("#12ab34").rgb());
    assertEquals("#12AB34", BackgroundColor.parse("12AB34").toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BackgroundColor.parse("teal"));
    assertEquals("background must be white, blue, red or #RRGGBB: 'teal'", e.getMessage());
  }
}
