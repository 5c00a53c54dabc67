package io.gpen4j.video.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class VideoContainerTest {
  @Test
  void forFile_picksByExtensionInAnyCase() {
    assertEquals(VideoContainer.MP4, VideoContainer.forFile(Path.of("a/b.MP4")));
    assertEquals(VideoContainer.MP4, VideoContainer.forFile(Path.of("b.m4v")));
    assertEquals(VideoContainer.MKV, VideoContainer.forFile(Path.of("b.mkv")));
    assertEquals(VideoContainer.WEBM, VideoContainer.forFile(Path.of("b.webm")));
    assertEquals(VideoContainer.AVI, VideoContainer.forFile(Path.of("b.avi")));
    assertEquals(VideoContainer.MOV, VideoContainer.forFile(Path.of("b.mov")));
  }

  @Test
  void forFile_unknownExtension_namesTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> VideoContainer.forFile(Path.of("clip.gif")));
    assertTrue(e.getMessage().contains(".webm"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(VideoContainer.class)
  void everyFormat_hasItsEncodersInTheBundledFfmpeg(VideoContainer f) {
    assertTrue(avcodec.avcodec_find_encoder_by_name(f.videoEncoder()) != null
        && !avcodec.avcodec_find_encoder_by_name(f.videoEncoder()).isNull(), f.videoEncoder());
    assertTrue(avcodec.avcodec_find_encoder_by_name(f.audioEncoder()) != null
        && !avcodec.avcodec_find_encoder_by_name(f.audioEncoder()).isNull(), f.audioEncoder());
  }
}
