package io.gpen4j.video.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class OutputFormatTest {
  @Test
  void forFile_picksByExtensionInAnyCase() {
    assertEquals(OutputFormat.MP4, OutputFormat.forFile(Path.of("a/b.MP4")));
    assertEquals(OutputFormat.MP4, OutputFormat.forFile(Path.of("b.m4v")));
    assertEquals(OutputFormat.MKV, OutputFormat.forFile(Path.of("b.mkv")));
    assertEquals(OutputFormat.WEBM, OutputFormat.forFile(Path.of("b.webm")));
    assertEquals(OutputFormat.AVI, OutputFormat.forFile(Path.of("b.avi")));
    assertEquals(OutputFormat.MOV, OutputFormat.forFile(Path.of("b.mov")));
  }

  @Test
  void forFile_unknownExtension_namesTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OutputFormat.forFile(Path.of("clip.gif")));
    assertTrue(e.getMessage().contains(".webm"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(OutputFormat.class)
  void everyFormat_hasItsEncodersInTheBundledFfmpeg(OutputFormat f) {
    assertTrue(avcodec.avcodec_find_encoder_by_name(f.videoEncoder()) != null
        && !avcodec.avcodec_find_encoder_by_name(f.videoEncoder()).isNull(), f.videoEncoder());
    assertTrue(avcodec.avcodec_find_encoder_by_name(f.audioEncoder()) != null
        && !avcodec.avcodec_find_encoder_by_name(f.audioEncoder()).isNull(), f.audioEncoder());
  }
}
