package io.gpen4j.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Direct buffers for a session's float32 inputs, one per input and calling thread, reused from
 * run to run.
 *
 * <p>Why: ONNX Runtime's Java API copies a heap buffer into a new direct buffer for every input
 * tensor, and a direct buffer's native memory goes back only when the collector happens to find
 * the buffer. A tiled face search of a 100-megapixel photo runs hundreds of detector calls with a
 * multi-MB input each: that native memory piled up to more than the photo itself. A direct buffer
 * given to {@code OnnxTensor.createTensor} is used as it is, without a copy. A run closes its input
 * tensors before it returns, so the same thread's next run may overwrite the buffer. Thread-safe
 * (each thread has its own buffers); one input's largest size per thread is held.
 */
final class DirectInputs {
  private final ThreadLocal<List<ByteBuffer>> perThread = ThreadLocal.withInitial(ArrayList::new);

  /**
   * Copies an input into this thread's direct buffer for the input.
   *
   * @param input the input's index
   * @param values the values, from position to limit; not modified
   * @return a direct buffer in native order holding the values, positioned at 0
   */
  FloatBuffer copy(int input, FloatBuffer values) {
    List<ByteBuffer> buffers = perThread.get();
    while (buffers.size() <= input) {
      buffers.add(null);
    }
    int bytes = Math.multiplyExact(values.remaining(), Float.BYTES);
    ByteBuffer buffer = buffers.get(input);
    if (buffer == null || buffer.capacity() < bytes) {
      buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
      buffers.set(input, buffer);
    }
    FloatBuffer out = buffer.clear().limit(bytes).asFloatBuffer();
    out.put(values.duplicate());
    return out.flip();
  }
}
