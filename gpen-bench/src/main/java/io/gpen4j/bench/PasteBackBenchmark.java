package io.gpen4j.bench;

import io.gpen4j.SimilarityTransform;
import io.gpen4j.Ticker;
import io.gpen4j.internal.image.FacePatch;
import io.gpen4j.internal.image.FeatherMask;
import io.gpen4j.internal.image.FloatImage;
import io.gpen4j.internal.image.PasteBack;
import io.gpen4j.internal.image.PasteResult;
import io.gpen4j.internal.image.RgbaImage;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Does pasting a face cost the same on a small and a large canvas?
 *
 * <p>One restored 512x512 face, its default feather mask, mapped onto a region of about 400 px
 * (scale 1.28, rotated 0.1 rad) at the centre of a 1000x700 or a 3000x2000 frame. The target is
 * that the large canvas costs at most 1.2 times the small one.
 *
 * <p>{@code pasteInPlace} is the per-face cost the pipeline pays ({@link PasteBack#pasteInPlace}
 * into a frame the pipeline copied once per image); it writes the same pixels on every call, so the
 * target need not be reset. {@code pasteWithCopy} is {@link PasteBack#paste}, which adds one
 * O(frame) copy of the frame, for comparison.
 *
 * <p>Run: {@code mvn -q -B -o -pl gpen-bench -am package -DskipTests -Pbench-jar && java -jar
 * gpen-bench/target/gpen-bench.jar PasteBackBenchmark -f 1 -wi 3 -w 1 -i 5 -r 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PasteBackBenchmark {
  private static final int SIZE = 512;

  @Param({"1000x700", "3000x2000"})
  public String canvas;

  private RgbaImage frame;
  private RgbaImage target;
  private List<FacePatch> patches;
  private final Ticker ticker = Ticker.system();

  @Setup
  public void setUp() {
    String[] wh = canvas.split("x");
    int width = Integer.parseInt(wh[0]);
    int height = Integer.parseInt(wh[1]);
    Random rnd = new Random(7);
    frame = BenchImages.photoLike(width, height, rnd);
    target = frame.copy();
    float[] face = new float[3 * SIZE * SIZE];
    for (int i = 0; i < face.length; i++) {
      face[i] = 255 * rnd.nextFloat();
    }
    // Frame -> crop: a 400 px region around the frame centre fills the crop.
    SimilarityTransform rot = SimilarityTransform.of(SIZE / 400.0, 0.1, 0, 0);
    double cx = rot.a() * (width / 2.0) - rot.b() * (height / 2.0);
    double cy = rot.b() * (width / 2.0) + rot.a() * (height / 2.0);
    double mid = (SIZE - 1) / 2.0;
    SimilarityTransform frameToCrop = new SimilarityTransform(rot.a(), rot.b(), mid - cx, mid - cy);
    patches = List.of(new FacePatch(FloatImage.wrap(SIZE, SIZE, 3, face), FeatherMask.create(SIZE), frameToCrop));
  }

  @Benchmark
  public List<Duration> pasteInPlace() {
    return PasteBack.pasteInPlace(target, patches, 1.0, ticker);
  }

  @Benchmark
  public PasteResult pasteWithCopy() {
    return PasteBack.paste(frame, patches, 1.0, ticker);
  }
}
