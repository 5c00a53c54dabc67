package io.gpen4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The licence gate works per model: accepting one non-commercial licence does not accept another. */
final class FamilyLicenceGateTest {
  @TempDir Path temp;

  private ModelRepository.Builder repository() {
    // The gate is checked before any connection is opened, so these tests never touch the network.
    return ModelRepository.builder()
        .cacheDirectory(temp)
        .lookups(k -> null, k -> null)
        .allowDownload(true);
  }

  @Test
  void resolve_codeFormerWithGpenLicenceAccepted_stillNeedsItsOwn() {
    LicenseNotAcceptedException e = assertThrows(LicenseNotAcceptedException.class,
        () -> repository().acceptLicense("gpen-non-commercial").build().resolve(Models.CODEFORMER));
    assertEquals("codeformer-s-lab-non-commercial", e.license().id());
    assertTrue(e.getMessage().contains("S-Lab"), e.getMessage());
    assertTrue(e.getMessage().contains("acceptLicense(\"codeformer-s-lab-non-commercial\")"), e.getMessage());
  }

  @Test
  void resolve_gpenWithCodeFormerLicenceAccepted_stillNeedsGpens() {
    LicenseNotAcceptedException e = assertThrows(LicenseNotAcceptedException.class,
        () -> repository().acceptLicense("codeformer-s-lab-non-commercial").build().resolve(Models.GPEN_BFR_512));
    assertEquals("gpen-non-commercial", e.license().id());
  }
}
