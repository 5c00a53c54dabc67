package io.gpen4j.djl;

import io.gpen4j.ModelException;
import io.gpen4j.spi.TensorInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads an ONNX file's graph inputs and outputs (names, element types, shapes) straight from its
 * protobuf, because DJL's OnnxRuntime model describes inputs by name only and hides the ONNX
 * Runtime session that knows the shapes.
 *
 * <p>Field numbers are those of {@code onnx.proto} (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto):
 * {@code ModelProto.graph = 7}; {@code GraphProto.initializer = 5, input = 11, output = 12};
 * {@code ValueInfoProto.name = 1, type = 2}; {@code TypeProto.tensor_type = 1};
 * {@code TypeProto.Tensor.elem_type = 1, shape = 2}; {@code TensorShapeProto.dim = 1};
 * {@code Dimension.dim_value = 1}; {@code TensorProto.data_type = 2, name = 8}. Graph inputs that
 * are also initializers (older exporters list weights as inputs) are left out, as ONNX Runtime
 * does. The file is memory-mapped and weights are skipped, not read.
 */
final class OnnxSignature {
  private static final int FLOAT16 = 10;

  private OnnxSignature() {}

  /**
   * Reads a model's signature.
   *
   * @param file the .onnx file
   * @param name the model's name for messages
   * @return the signature
   * @throws ModelException if the file cannot be read or is not an ONNX model
   */
  static ModelSignature read(Path file, String name) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE) {
        throw new ModelException("model " + name + " (" + file + ") is " + size
            + " bytes; an ONNX protobuf cannot exceed 2 GiB (store large weights as external data)");
      }
      ByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
      return parse(bytes);
    } catch (IOException e) {
      throw new ModelException("cannot read model file " + file + " (" + name + "): " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new ModelException("model " + name + " (" + file + ") is not a valid ONNX file: " + e.getMessage(), e);
    }
  }

  static ModelSignature parse(ByteBuffer bytes) {
    ProtoCursor model = new ProtoCursor(bytes);
    ProtoCursor graph = null;
    while (model.hasMore()) {
      int key = model.readKey();
      if (key >>> 3 == 7 && (key & 7) == ProtoCursor.LENGTH_DELIMITED) {
        graph = model.readMessage();
      } else {
        model.skip(key & 7);
      }
    }
    if (graph == null) {
      throw new IllegalArgumentException("no graph in the model");
    }
    List<TensorInfo> inputs = new ArrayList<>();
    List<TensorInfo> outputs = new ArrayList<>();
    Set<String> initializers = new HashSet<>();
    boolean half = false;
    while (graph.hasMore()) {
      int key = graph.readKey();
      int field = key >>> 3;
      if ((key & 7) != ProtoCursor.LENGTH_DELIMITED || (field != 5 && field != 11 && field != 12)) {
        graph.skip(key & 7);
        continue;
      }
      ProtoCursor value = graph.readMessage();
      if (field == 5) {
        half |= readInitializer(value, initializers);
      } else {
        (field == 11 ? inputs : outputs).add(readValueInfo(value));
      }
    }
    inputs.removeIf(t -> initializers.contains(t.name()));
    if (inputs.isEmpty() || outputs.isEmpty()) {
      throw new IllegalArgumentException("the graph declares " + inputs.size() + " inputs and "
          + outputs.size() + " outputs");
    }
    return new ModelSignature(inputs, outputs, half);
  }

  /** Adds the initializer's name to the set. @return whether it holds float16 values */
  private static boolean readInitializer(ProtoCursor tensor, Set<String> names) {
    boolean half = false;
    while (tensor.hasMore()) {
      int key = tensor.readKey();
      int field = key >>> 3;
      if (field == 2 && (key & 7) == ProtoCursor.VARINT) {
        half = tensor.readVarint() == FLOAT16;
      } else if (field == 8 && (key & 7) == ProtoCursor.LENGTH_DELIMITED) {
        names.add(tensor.readString());
      } else {
        tensor.skip(key & 7);
      }
    }
    return half;
  }

  private static TensorInfo readValueInfo(ProtoCursor info) {
    String name = "";
    int elementType = 0;
    List<Long> dims = new ArrayList<>();
    while (info.hasMore()) {
      int key = info.readKey();
      int field = key >>> 3;
      if (field == 1 && (key & 7) == ProtoCursor.LENGTH_DELIMITED) {
        name = info.readString();
      } else if (field == 2 && (key & 7) == ProtoCursor.LENGTH_DELIMITED) {
        ProtoCursor type = info.readMessage();
        while (type.hasMore()) {
          int typeKey = type.readKey();
          if (typeKey >>> 3 == 1 && (typeKey & 7) == ProtoCursor.LENGTH_DELIMITED) {
            elementType = readTensorType(type.readMessage(), dims);
          } else {
            type.skip(typeKey & 7);
          }
        }
      } else {
        info.skip(key & 7);
      }
    }
    if (elementType == 0) {
      throw new IllegalArgumentException("graph value '" + name + "' is not a tensor");
    }
    return new TensorInfo(name, dims.stream().mapToLong(Long::longValue).toArray(), typeName(elementType));
  }

  /** Reads {@code TypeProto.Tensor} into {@code dims}. @return the element type code */
  private static int readTensorType(ProtoCursor tensor, List<Long> dims) {
    int elementType = 0;
    while (tensor.hasMore()) {
      int key = tensor.readKey();
      int field = key >>> 3;
      if (field == 1 && (key & 7) == ProtoCursor.VARINT) {
        elementType = (int) tensor.readVarint();
      } else if (field == 2 && (key & 7) == ProtoCursor.LENGTH_DELIMITED) {
        ProtoCursor shape = tensor.readMessage();
        while (shape.hasMore()) {
          int dimKey = shape.readKey();
          if (dimKey >>> 3 == 1 && (dimKey & 7) == ProtoCursor.LENGTH_DELIMITED) {
            dims.add(readDimension(shape.readMessage()));
          } else {
            shape.skip(dimKey & 7);
          }
        }
      } else {
        tensor.skip(key & 7);
      }
    }
    return elementType;
  }

  /** Returns a dimension's fixed size, or -1 when it is symbolic or unset. */
  private static long readDimension(ProtoCursor dim) {
    long value = -1;
    while (dim.hasMore()) {
      int key = dim.readKey();
      if (key >>> 3 == 1 && (key & 7) == ProtoCursor.VARINT) {
        value = dim.readVarint();
      } else {
        dim.skip(key & 7);
      }
    }
    return value > 0 ? value : -1;
  }

  /** Names an ONNX {@code TensorProto.DataType} the way the other gpen4j backends do. */
  static String typeName(int code) {
    switch (code) {
      case 1: return "float32";
      case 2: return "uint8";
      case 3: return "int8";
      case 4: return "uint16";
      case 5: return "int16";
      case 6: return "int32";
      case 7: return "int64";
      case 8: return "string";
      case 9: return "bool";
      case FLOAT16: return "float16";
      case 11: return "float64";
      case 12: return "uint32";
      case 13: return "uint64";
      case 16: return "bfloat16";
      default: return "type" + code;
    }
  }
}
