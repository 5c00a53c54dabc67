package io.gpen4j.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Timestamps of inputs whose rate fields do not tell the truth, end to end with the identity generator. */
final class VideoTimestampsTest {
  @RegisterExtension static final IdentityVideo IDENTITY = new IdentityVideo();

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"mkv", "mp4"})
  void restore_tenThenThirtyFpsMatroska_keepsEveryTimestampWithinAMillisecond(String extension) {
    Path in = tmp.resolve("in.mkv");
    List<Long> written = TestClips.writeTenThenThirtyMatroska(in, tmp.resolve("scratch.mkv"));
    assertArrayEquals(new double[] {10, 10}, TestClips.declaredRates(in), 1e-9,
        "the clip declares 10 fps in r_frame_rate and avg_frame_rate alike");
    assertEquals(written, TestClips.probe(in).timestamps(), "the clip holds the timestamps it was given");
    Path out = tmp.resolve("out." + extension);

    VideoResult r = IDENTITY.video().restore(in, out, VideoOptions.DEFAULTS);

    List<Long> kept = TestClips.probe(out).timestamps();
    assertEquals(written.size(), r.framesWritten());
    assertEquals(written.size(), kept.size(), "frames in " + out.getFileName());
    for (int i = 0; i < written.size(); i++) {
      assertEquals(written.get(i), kept.get(i), 1000, "frame " + i + " of " + kept);
    }
  }
}
