package io.gpen4j.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import ai.onnxruntime.platform.Fp16Conversions;
import io.gpen4j.RestorationException;
import io.gpen4j.spi.ElementType;
import io.gpen4j.spi.Tensor;
import io.gpen4j.spi.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns gpen4j tensors into DJL arrays and back: the only place that touches DJL's NDArrays.
 * Inputs come in the model's order; an input the model stores as float16 is converted here, and
 * a float16 output is widened to float32, so callers always see float32 (ONNX Runtime's
 * {@link Fp16Conversions}: nearest, ties to even; gpen-djl declares ONNX Runtime for both engines,
 * so the class is there for PyTorch too). Arrays live in the
 * predictor context's manager and are freed when the call ends. Stateless, so one instance
 * serves every predictor.
 */
final class TensorTranslator implements NoBatchifyTranslator<List<Tensor>, Map<String, Tensor>> {
  private final List<TensorInfo> inputs;
  private final List<TensorInfo> outputs;
  private final boolean nameInputs;
  private final String modelName;

  /**
   * Creates a translator.
   *
   * @param signature the model's inputs and outputs
   * @param nameInputs whether to name input arrays (ONNX Runtime matches inputs by name; DJL's
   *     PyTorch engine reads names as structure hints, so its inputs go by position)
   * @param modelName the model's name for messages
   */
  TensorTranslator(ModelSignature signature, boolean nameInputs, String modelName) {
    this.inputs = signature.inputs();
    this.outputs = signature.outputs();
    this.nameInputs = nameInputs;
    this.modelName = modelName;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, List<Tensor> values) {
    NDManager manager = ctx.getNDManager();
    NDList list = new NDList(values.size());
    for (int i = 0; i < values.size(); i++) {
      TensorInfo info = inputs.get(i);
      Tensor t = values.get(i);
      Shape shape = new Shape(t.shape());
      NDArray array;
      if (info.elementType() == ElementType.FLOAT16) {
        array = manager.create(toHalf(t.buffer()), shape, DataType.FLOAT16);
      } else if (info.elementType() == ElementType.FLOAT64) {
        // CodeFormer's exports take their weight w as a double.
        float[] narrow = t.toArray();
        double[] wide = new double[narrow.length];
        for (int k = 0; k < narrow.length; k++) {
          wide[k] = narrow[k];
        }
        array = manager.create(wide, shape);
      } else {
        array = manager.create(t.buffer(), shape);
      }
      if (nameInputs) {
        array.setName(info.name());
      }
      list.add(array);
    }
    return list;
  }

  @Override
  public Map<String, Tensor> processOutput(TranslatorContext ctx, NDList list) {
    Map<String, Tensor> result = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      NDArray array = list.get(i);
      String name = array.getName();
      if (name == null || name.isEmpty()) {
        name = i < outputs.size() ? outputs.get(i).name() : "output" + i;
      }
      result.put(name, Tensor.wrap(values(name, array), array.getShape().getShape()));
    }
    return result;
  }

  private float[] values(String name, NDArray array) {
    DataType type = array.getDataType();
    if (type == DataType.FLOAT32) {
      return array.toFloatArray();
    }
    if (type == DataType.FLOAT16) {
      ShortBuffer half = array.toByteBuffer().order(ByteOrder.nativeOrder()).asShortBuffer();
      float[] v = new float[half.remaining()];
      for (int i = 0; i < v.length; i++) {
        v[i] = Fp16Conversions.fp16ToFloat(half.get(i));
      }
      return v;
    }
    throw new RestorationException("output '" + name + "' of model " + modelName + " holds " + type
        + "; this backend returns float32 or float16 outputs only");
  }

  private static ByteBuffer toHalf(FloatBuffer values) {
    int n = values.remaining();
    ByteBuffer bytes = ByteBuffer.allocateDirect(n * Short.BYTES).order(ByteOrder.nativeOrder());
    for (int i = 0; i < n; i++) {
      bytes.putShort(i * Short.BYTES, Fp16Conversions.floatToFp16(values.get(values.position() + i)));
    }
    return bytes;
  }
}
