package io.gpen4j.bench;

import io.gpen4j.SimilarityTransform;
import io.gpen4j.internal.image.AffineWarp;
import io.gpen4j.internal.image.FloatImage;
import io.gpen4j.internal.image.RgbaImage;
import java.util.ArrayList;
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
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * How fast is the pure-Java face alignment warp compared with OpenCV's {@code warpAffine}?
 *
 * <p>Both warp the same 8-bit RGB frame (1200x1000, a photo-like mix of smooth shading and fine
 * texture) into a 512x512 crop with the same slightly rotated transform: {@code NEAR_1X} maps a
 * 500 px region (scale 1.02, one bilinear tap a pixel), {@code SHRINK} an 800 px region (scale 0.64,
 * where {@link AffineWarp} anti-aliases with 2x2 taps a pixel while OpenCV stays bilinear, so the
 * comparison there is with the cheaper, aliasing method). {@code opencvWarpAffine} writes
 * {@code CV_8UC3} into a reused Mat; {@link AffineWarp} allocates a new planar float crop, the
 * generator's input layout, so {@code opencvWarpAffineToPlanarFloat} adds the conversion OpenCV
 * would need to deliver the same (convertTo, split, copy into one Java array). OpenCV
 * runs on {@code opencvThreads} threads (default 1, like the Java warp; 0 lets OpenCV choose).
 *
 * <p>Run: {@code mvn -q -B -o -pl gpen-bench -am package -DskipTests -Pbench-jar && java -jar
 * gpen-bench/target/gpen-bench.jar WarpBenchmark -f 1 -wi 3 -w 1 -i 5 -r 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class WarpBenchmark {
  /** The crop side. */
  static final int SIZE = 512;

  /** Which face size the crop is taken from. */
  public enum Case {
    /** A 500 px face region: the warp barely resamples. */
    NEAR_1X(1.02),
    /** An 800 px face region: the warp shrinks and must anti-alias. */
    SHRINK(0.64);

    final double scale;

    Case(double scale) {
      this.scale = scale;
    }
  }

  @Param
  public Case transform;

  @Param("1")
  public int opencvThreads;

  private RgbaImage frame;
  private SimilarityTransform frameToCrop;
  private Mat frameMat;
  private Mat matrix;
  private Mat cropMat;
  private Mat cropFloat;
  private final List<Mat> planes = new ArrayList<>();
  private final float[] plane = new float[SIZE * SIZE];

  @Setup
  public void setUp() {
    nu.pattern.OpenCV.loadLocally();
    Core.setNumThreads(opencvThreads);
    frame = BenchImages.photoLike(1200, 1000, new Random(42));
    // Centre the crop on the frame centre, rotated by 0.1 rad.
    SimilarityTransform rot = SimilarityTransform.of(transform.scale, 0.1, 0, 0);
    double cx = rot.a() * 600 - rot.b() * 500;
    double cy = rot.b() * 600 + rot.a() * 500;
    double mid = (SIZE - 1) / 2.0;
    frameToCrop = new SimilarityTransform(rot.a(), rot.b(), mid - cx, mid - cy);
    frameMat = BenchImages.toMat(frame);
    matrix = new Mat(2, 3, CvType.CV_64F);
    matrix.put(0, 0, frameToCrop.toMatrix());
    cropMat = new Mat(SIZE, SIZE, CvType.CV_8UC3);
    cropFloat = new Mat();
  }

  @Benchmark
  public FloatImage javaAffineWarp() {
    return AffineWarp.warp(frame, frameToCrop, SIZE);
  }

  @Benchmark
  public Mat opencvWarpAffine() {
    Imgproc.warpAffine(frameMat, cropMat, matrix, new Size(SIZE, SIZE), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
    return cropMat;
  }

  /** OpenCV plus what the pipeline needs from a warp: a planar float crop in a Java array. */
  @Benchmark
  public float[] opencvWarpAffineToPlanarFloat() {
    Imgproc.warpAffine(frameMat, cropMat, matrix, new Size(SIZE, SIZE), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
    cropMat.convertTo(cropFloat, CvType.CV_32F);
    Core.split(cropFloat, planes);
    float[] out = new float[3 * SIZE * SIZE];
    for (int c = 0; c < 3; c++) {
      planes.get(c).get(0, 0, plane);
      System.arraycopy(plane, 0, out, c * SIZE * SIZE, plane.length);
    }
    return out;
  }
}
