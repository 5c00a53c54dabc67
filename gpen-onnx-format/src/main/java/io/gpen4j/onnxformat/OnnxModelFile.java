package io.gpen4j.onnxformat;

import io.gpen4j.ModelException;
import io.gpen4j.onnxformat.OnnxFields.Graph;
import io.gpen4j.onnxformat.OnnxFields.Model;
import io.gpen4j.onnxformat.OnnxFields.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An ONNX model file read without reading its weights: the file is memory-mapped and
 * {@link ProtoMessage} keeps weights as slices of the mapping, so what a 284 MB GPEN-512 export
 * declares is known in about 5 ms (45 ms in a fresh JVM) and no heap. For code that must know a
 * model's inputs before it opens a session (the DJL backend's signature, the CLI's choice of how
 * many photos to restore at once).
 */
public final class OnnxModelFile {
  private OnnxModelFile() {}

  /**
   * Maps a model file.
   *
   * @param file the .onnx file
   * @param name the model's name for messages
   * @return the file's bytes, mapped read-only (valid after the channel is closed)
   * @throws ModelException if the file cannot be read or is over the 2 GiB a protobuf may hold
   */
  public static ByteBuffer map(Path file, String name) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE) {
        throw new ModelException("model " + name + " (" + file + ") is " + size
            + " bytes; an ONNX protobuf cannot exceed 2 GiB (store large weights as external data)");
      }
      return channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
    } catch (IOException e) {
      throw new ModelException("cannot read model file " + file + " (" + name + "): " + e.getMessage(), e);
    }
  }

  /**
   * The graph inputs a caller feeds: those that are not also initializers (older exporters list
   * weights as inputs; ONNX Runtime leaves them out too).
   *
   * @param file the .onnx file
   * @param name the model's name for messages
   * @return the inputs in the graph's order
   * @throws ModelException if the file cannot be read or is not an ONNX model
   */
  public static List<OnnxValueInfo> inputs(Path file, String name) {
    ByteBuffer bytes = map(file, name);
    try {
      ProtoMessage graph = ProtoMessage.parse(bytes).message(Model.GRAPH)
          .orElseThrow(() -> new ModelException("no graph in the model"));
      Set<String> initializers = new HashSet<>();
      graph.messages(Graph.INITIALIZER).forEach(t -> initializers.add(t.string(Tensor.NAME)));
      return graph.messages(Graph.INPUT).stream().map(OnnxValueInfo::of)
          .filter(v -> !initializers.contains(v.name())).toList();
    } catch (ModelException e) {
      throw new ModelException("model " + name + " (" + file + ") is not a valid ONNX file: " + e.getMessage(), e);
    }
  }
}
