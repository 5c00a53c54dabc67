package io.gpen4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.ModelException;
import io.gpen4j.onnx.OnnxFields.Graph;
import io.gpen4j.onnx.OnnxFields.Model;
import io.gpen4j.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class ProtoMessageTest {
  @Test
  void parseThenWrite_everyTestModel_isByteIdentical() {
    for (Map.Entry<String, byte[]> e : TestModels.all().entrySet()) {
      assertArrayEquals(e.getValue(), ProtoMessage.parse(e.getValue()).toByteArray(), e.getKey());
    }
  }

  @Test
  void parseThenWrite_realDetectorAndGpen_isByteIdentical() throws IOException {
    for (var p : new java.nio.file.Path[] {SharedData.yunet(), SharedData.randomGpen256()}) {
      byte[] bytes = Files.readAllBytes(p);
      ProtoMessage m = ProtoMessage.parse(bytes);
      assertArrayEquals(bytes, m.toByteArray(), p.toString());
      assertTrue(m.message(Model.GRAPH).orElseThrow().messages(Graph.NODE).size() > 10);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13})
  void varint_randomValues_roundTrip(long seed) {
    Random r = new Random(seed);
    ProtoMessage.Builder b = ProtoMessage.builder();
    long[] values = new long[500];
    for (int i = 0; i < values.length; i++) {
      values[i] = r.nextLong() >>> r.nextInt(64);
      b.addVarint(2, values[i]);
    }
    ProtoMessage back = ProtoMessage.parse(b.build().toByteArray());
    assertArrayEquals(values, back.longs(2));
  }

  @Test
  void longsAndFloats_packedOrNot_readTheSame() {
    ProtoWriter packed = new ProtoWriter(16);
    packed.writeVarint(300);
    packed.writeVarint(5);
    ProtoMessage m = ProtoMessage.builder()
        .addBytes(1, packed.toByteArray())
        .addVarint(1, 7)
        .add(ProtoField.fixed32(4, Float.floatToRawIntBits(1.5f)))
        .build();
    ProtoMessage back = ProtoMessage.parse(m.toByteArray());
    assertArrayEquals(new long[] {300, 5, 7}, back.longs(1));
    assertArrayEquals(new float[] {1.5f}, back.floats(4));
  }

  @Test
  void parse_unknownFields_areKeptInOrder() {
    ProtoMessage m = ProtoMessage.builder()
        .addVarint(999, 42)
        .addString(2, "kept")
        .add(new ProtoField(1000, ProtoField.FIXED64, 0x0102030405060708L, null, 0, 0))
        .build();
    byte[] bytes = m.toByteArray();
    ProtoMessage back = ProtoMessage.parse(bytes);
    assertEquals(m, back);
    assertEquals(0x0102030405060708L, back.field(1000).orElseThrow().scalar());
  }

  @Test
  void parse_truncatedMessage_throwsModelException() {
    byte[] whole = TestModels.all().get(TestModels.CONV_SMALL);
    byte[] cut = Arrays.copyOf(whole, whole.length / 2);
    ModelException e = assertThrows(ModelException.class, () -> ProtoMessage.parse(cut));
    assertTrue(e.getMessage().contains("malformed protobuf"), e.getMessage());
  }

  @Test
  void parse_groupWireType_throwsModelException() {
    byte[] group = {(byte) (1 << 3 | 3), 0};
    assertThrows(ModelException.class, () -> ProtoMessage.parse(group));
  }
}
