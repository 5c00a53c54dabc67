package io.gpen4j.onnxformat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.ModelException;
import io.gpen4j.onnxformat.OnnxFields.Graph;
import io.gpen4j.onnxformat.OnnxFields.Model;
import io.gpen4j.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

final class ProtoMessageTest {
  /** The tiny models checked in under models/test, and real detectors and a GPEN from ../shared. */
  static Stream<Path> models() throws IOException {
    Path dir = Paths.get(System.getProperty("gpen4j.repo", ".."), "models", "test");
    List<Path> files = new ArrayList<>();
    try (Stream<Path> list = Files.list(dir)) {
      list.filter(p -> p.toString().endsWith(".onnx")).sorted().forEach(files::add);
    }
    assertTrue(files.size() >= 5, "checked-in test models in " + dir + ": " + files);
    files.add(SharedData.yunet());
    files.add(SharedData.scrfd());
    files.add(SharedData.randomGpen256());
    return files.stream();
  }

  @ParameterizedTest
  @MethodSource("models")
  void parseThenWrite_model_isByteIdentical(Path model) throws IOException {
    byte[] bytes = Files.readAllBytes(model);
    ProtoMessage m = ProtoMessage.parse(bytes);
    assertArrayEquals(bytes, m.toByteArray(), model.toString());
    assertTrue(m.message(Model.GRAPH).orElseThrow().messages(Graph.NODE).size() >= 1, model.toString());
  }

  @Test
  void parse_memoryMappedGpen_readsTheSameGraphAsFromAnArray() throws IOException {
    Path model = SharedData.randomGpen256();
    byte[] bytes = Files.readAllBytes(model);
    try (FileChannel channel = FileChannel.open(model, StandardOpenOption.READ)) {
      ByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
      ProtoMessage fromMap = ProtoMessage.parse(mapped);
      assertEquals(0, mapped.position(), "parse must not move the caller's buffer");
      assertEquals(ProtoMessage.parse(bytes), fromMap);
      assertEquals(ProtoMessage.parse(bytes).message(Model.GRAPH), fromMap.message(Model.GRAPH));
    }
  }

  @Test
  void parse_bufferWithPosition_readsFromPositionToLimit() {
    byte[] inner = ProtoMessage.builder().addVarint(1, 300).addString(2, "x").build().toByteArray();
    byte[] padded = new byte[inner.length + 7];
    System.arraycopy(inner, 0, padded, 3, inner.length);
    ByteBuffer window = ByteBuffer.wrap(padded, 3, inner.length);
    ProtoMessage m = ProtoMessage.parse(window);
    assertEquals(300, m.varint(1, 0));
    assertEquals("x", m.string(2));
    assertArrayEquals(inner, m.toByteArray());
  }

  @Test
  void payload_isReadOnlyAndIndependentPerCall() {
    ProtoField f = ProtoMessage.parse(ProtoMessage.builder().addString(5, "abc").build().toByteArray())
        .field(5).orElseThrow();
    ByteBuffer a = f.payload();
    a.get();
    assertEquals(0, f.payload().position());
    assertTrue(a.isReadOnly());
    assertEquals("abc", f.asString());
    assertArrayEquals("abc".getBytes(java.nio.charset.StandardCharsets.UTF_8), f.asBytes());
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
    ProtoWriter packedFloats = new ProtoWriter(16);
    packedFloats.writeFixed32(Float.floatToRawIntBits(-2.25f));
    ProtoMessage m = ProtoMessage.builder()
        .addBytes(1, packed.toByteArray())
        .addVarint(1, 7)
        .addBytes(4, packedFloats.toByteArray())
        .add(ProtoField.fixed32(4, Float.floatToRawIntBits(1.5f)))
        .build();
    ProtoMessage back = ProtoMessage.parse(m.toByteArray());
    assertArrayEquals(new long[] {300, 5, 7}, back.longs(1));
    assertArrayEquals(new float[] {-2.25f, 1.5f}, back.floats(4));
  }

  @Test
  void parse_unknownFields_areKeptInOrder() {
    ProtoMessage m = ProtoMessage.builder()
        .addVarint(999, 42)
        .addString(2, "kept")
        .add(ProtoField.fixed64(1000, 0x0102030405060708L))
        .add(ProtoField.fixed32(ProtoField.MAX_NUMBER, 0x80000001))
        .build();
    byte[] bytes = m.toByteArray();
    ProtoMessage back = ProtoMessage.parse(bytes);
    assertEquals(m, back);
    assertEquals(m.hashCode(), back.hashCode());
    assertEquals(0x0102030405060708L, back.field(1000).orElseThrow().scalar());
    assertEquals(0x80000001L, back.field(ProtoField.MAX_NUMBER).orElseThrow().scalar());
  }

  @Test
  void builderSet_replacesEveryOccurrenceWhereTheFirstWas() {
    ProtoMessage m = ProtoMessage.builder().addVarint(1, 1).addVarint(2, 2).addVarint(1, 3).addVarint(3, 4)
        .build().toBuilder().set(ProtoField.varint(1, 9)).build();
    assertEquals(List.of(ProtoField.varint(1, 9), ProtoField.varint(2, 2), ProtoField.varint(3, 4)), m.fields());
  }

  @Test
  void parse_truncatedModel_throwsModelException() throws IOException {
    byte[] whole = Files.readAllBytes(SharedData.yunet());
    byte[] cut = Arrays.copyOf(whole, whole.length / 2);
    ModelException e = assertThrows(ModelException.class,
        () -> ProtoMessage.parse(cut).message(Model.GRAPH).orElseThrow().messages(Graph.NODE));
    assertTrue(e.getMessage().contains("malformed protobuf"), e.getMessage());
  }

  @Test
  void parse_groupWireType_throwsModelException() {
    byte[] group = {(byte) (1 << 3 | 3), 0};
    assertThrows(ModelException.class, () -> ProtoMessage.parse(group));
  }

  @Test
  void parse_fieldNumberZero_throwsModelException() {
    byte[] zero = {0, 1};
    ModelException e = assertThrows(ModelException.class, () -> ProtoMessage.parse(zero));
    assertTrue(e.getMessage().contains("invalid field number 0"), e.getMessage());
  }

  @Test
  void message_fieldOfAnotherWireType_throwsModelException() {
    ProtoMessage m = ProtoMessage.builder().addVarint(Model.GRAPH, 5).build();
    ModelException e = assertThrows(ModelException.class, () -> m.message(Model.GRAPH));
    assertTrue(e.getMessage().contains("not length-delimited"), e.getMessage());
  }

  @RepeatedTest(50)
  void parse_randomBytes_failsOnlyWithModelException(RepetitionInfo info) {
    byte[] junk = new byte[64 + info.getCurrentRepetition() * 7];
    new Random(info.getCurrentRepetition()).nextBytes(junk);
    try {
      ProtoMessage m = ProtoMessage.parse(junk);
      // Whatever parsed must write back exactly.
      assertArrayEquals(junk, m.toByteArray());
      for (ProtoField f : m.fields()) {
        if (f.isLengthDelimited()) {
          f.asMessage();
        }
      }
    } catch (ModelException e) {
      assertTrue(e.getMessage().startsWith("malformed protobuf: "), e.getMessage());
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void writeTo_randomMessages_writesWhatToByteArrayReturns(long seed) throws IOException {
    Random r = new Random(seed);
    ProtoMessage inner = ProtoMessage.builder().addVarint(1, r.nextLong()).addString(2, "inner" + r.nextInt()).build();
    ProtoMessage.Builder b = ProtoMessage.builder();
    for (int i = 0; i < 20; i++) {
      switch (r.nextInt(5)) {
        case 0 -> b.addVarint(1 + r.nextInt(30), r.nextLong());
        case 1 -> b.add(ProtoField.fixed32(1 + r.nextInt(30), r.nextInt()));
        case 2 -> b.add(ProtoField.fixed64(1 + r.nextInt(30), r.nextLong()));
        case 3 -> b.addMessage(1 + r.nextInt(30), inner);
        default -> {
          byte[] payload = new byte[r.nextInt(300)];
          r.nextBytes(payload);
          b.addBytes(1 + r.nextInt(30), payload);
        }
      }
    }
    // A parsed message keeps its payloads as slices of the buffer it was read from.
    ProtoMessage message = ProtoMessage.parse(ByteBuffer.wrap(b.build().toByteArray()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    message.writeTo(out);
    assertArrayEquals(message.toByteArray(), out.toByteArray());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void writeAsField_randomNestedMessages_writesWhatAnEncodedMessageFieldHolds(long seed) throws IOException {
    Random r = new Random(seed);
    ProtoMessage.Builder b = ProtoMessage.builder();
    for (int i = 0; i < 1 + r.nextInt(40); i++) {
      switch (r.nextInt(4)) {
        case 0 -> b.addVarint(1 + r.nextInt(30), r.nextLong() >>> r.nextInt(64));
        case 1 -> b.add(ProtoField.fixed32(1 + r.nextInt(30), r.nextInt()));
        case 2 -> b.add(ProtoField.fixed64(1 + r.nextInt(30), r.nextLong()));
        default -> {
          // Up to 20 kB, so the nested length needs one to three varint bytes.
          byte[] payload = new byte[r.nextInt(r.nextBoolean() ? 100 : 20_000)];
          r.nextBytes(payload);
          b.addBytes(1 + r.nextInt(30), payload);
        }
      }
    }
    ProtoMessage nested = b.build();
    int number = 1 + r.nextInt(ProtoField.MAX_NUMBER);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    nested.writeAsField(number, out);
    ProtoMessage enclosing = ProtoMessage.builder().addMessage(number, nested).build();
    assertArrayEquals(enclosing.toByteArray(), out.toByteArray());
    assertEquals(nested.toByteArray().length, nested.encodedSize());

    assertEquals(enclosing.toByteArray().length, ProtoMessage.lengthDelimitedFieldSize(number, nested.encodedSize()));

    // A message streamed in parts after a header: what a rewrite does with a graph and added tensors.
    List<ProtoMessage> parts = new ArrayList<>();
    ProtoMessage.Builder whole = nested.toBuilder();
    long size = nested.encodedSize();
    int partNumber = 1 + r.nextInt(300);
    for (int i = 0; i < r.nextInt(4); i++) {
      byte[] payload = new byte[r.nextInt(5_000)];
      r.nextBytes(payload);
      ProtoMessage m = ProtoMessage.builder().addVarint(1, r.nextInt(1000)).addBytes(2, payload).build();
      parts.add(m);
      whole.addMessage(partNumber, m);
      size += ProtoMessage.lengthDelimitedFieldSize(partNumber, m.encodedSize());
    }
    ByteArrayOutputStream streamed = new ByteArrayOutputStream();
    ProtoMessage.writeLengthDelimitedHeader(number, size, streamed);
    nested.writeTo(streamed);
    for (ProtoMessage m : parts) {
      m.writeAsField(partNumber, streamed);
    }
    assertArrayEquals(ProtoMessage.builder().addMessage(number, whole.build()).build().toByteArray(),
        streamed.toByteArray());
  }
}
