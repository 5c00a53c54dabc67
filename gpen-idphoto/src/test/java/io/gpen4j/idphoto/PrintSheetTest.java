package io.gpen4j.idphoto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.internal.io.PrintResolution;
import java.awt.Rectangle;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How many copies fit on a sheet, where they go, and the cut guides between them. */
final class PrintSheetTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0} on {1}: {2} copies")
  @CsvSource({
    // 2x2 in on 6x4 in: 3 x 2 edge to edge (with a 2 mm gap only 2 x 1 fit).
    "us-passport, 6x4, 6, true, 0",
    // 25x35 mm (295x413 px) on 1800x1200: portrait 4 x 4 edge to edge (with gaps: 3 x 4 or 5 x 2).
    "cn-1inch, 6x4, 16, false, 0",
    // 35x45 mm (413x531 px): landscape 4 x 2 with gaps.
    "eu-schengen, 6x4, 8, true, 24",
    // 35x49 mm (413x579 px): landscape 4 x 2 with gaps.
    "cn-2inch, 6x4, 8, true, 24",
  })
  void layout_fitsTheMostCopies(String specName, String sheetName, int copies, boolean landscape, int gap) {
    IdPhoto photo = IdPhotoWriterTest.photo(specName, 1);
    PrintSheet sheet = PrintSheet.layout(photo, SheetSize.named(sheetName));
    assertEquals(copies, sheet.copies().size());
    assertEquals(landscape, sheet.landscape());
    int sw = sheet.image().getWidth();
    int sh = sheet.image().getHeight();
    assertEquals(landscape ? 1800 : 1200, sw);
    assertEquals(landscape ? 1200 : 1800, sh);
    Rectangle first = sheet.copies().get(0);
    Rectangle last = sheet.copies().get(copies - 1);
    // Centred: equal margins (to a pixel) left and right, top and bottom.
    assertEquals(first.x, sw - (last.x + last.width), 1.0);
    assertEquals(first.y, sh - (last.y + last.height), 1.0);
    for (int i = 0; i < copies; i++) {
      Rectangle r = sheet.copies().get(i);
      assertEquals(photo.spec().widthPx(), r.width);
      assertEquals(photo.spec().heightPx(), r.height);
      assertTrue(r.x >= 0 && r.y >= 0 && r.x + r.width <= sw && r.y + r.height <= sh, r.toString());
      // The copy's pixels are the photo's.
      assertEquals(photo.image().getRGB(7, 9), sheet.image().getRGB(r.x + 7, r.y + 9));
      if (i > 0 && sheet.copies().get(i - 1).y == r.y) {
        assertEquals(gap, r.x - (sheet.copies().get(i - 1).x + r.width), "gap");
      }
    }
    if (gap > 0) {
      // A cut guide runs along the first copy's left edge, in the margin above it.
      assertEquals(PrintSheet.GUIDE, sheet.image().getRGB(first.x - 1, first.y / 2) & 0xFFFFFF);
      assertEquals(0xFFFFFF, sheet.image().getRGB(first.x - 3, first.y / 2) & 0xFFFFFF);
    }
  }

  @Test
  void write_sheet_recordsTheSheetsDpi() throws Exception {
    PrintSheet sheet = PrintSheet.layout(IdPhotoWriterTest.photo("us-passport", 2), SheetSize.SIX_BY_FOUR);
    Path file = dir.resolve("sheet.jpg");
    IdPhotoWriter.write(sheet, file);
    assertEquals(300, PrintResolution.read(file));
  }

  @Test
  void layout_otherResolution_keepsThePrintedSize() {
    // The UK photo is 620x797 px at 450 dpi; on a 300 dpi sheet a copy is 413x531 px, still 35x45 mm.
    PrintSheet sheet = PrintSheet.layout(IdPhotoWriterTest.photo("uk-passport", 3), SheetSize.SIX_BY_FOUR);
    assertEquals(413, sheet.copies().get(0).width);
    assertEquals(531, sheet.copies().get(0).height);
  }
}
