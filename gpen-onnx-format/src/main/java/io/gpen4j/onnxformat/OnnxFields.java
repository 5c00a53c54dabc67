package io.gpen4j.onnxformat;

/**
 * Field numbers and enum values of the part of onnx.proto that gpen4j reads and writes
 * (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto, IR version 3 onwards). Each nested
 * class is one message of the schema; each constant is named after its field in that file.
 */
public final class OnnxFields {
  private OnnxFields() {}

  /** ModelProto. */
  public static final class Model {
    public static final int IR_VERSION = 1;
    public static final int PRODUCER_NAME = 2;
    public static final int PRODUCER_VERSION = 3;
    public static final int GRAPH = 7;
    public static final int OPSET_IMPORT = 8;

    private Model() {}
  }

  /** OperatorSetIdProto. */
  public static final class OpsetId {
    public static final int DOMAIN = 1;
    public static final int VERSION = 2;

    private OpsetId() {}
  }

  /** GraphProto. */
  public static final class Graph {
    public static final int NODE = 1;
    public static final int NAME = 2;
    public static final int INITIALIZER = 5;
    public static final int INPUT = 11;
    public static final int OUTPUT = 12;
    public static final int VALUE_INFO = 13;

    private Graph() {}
  }

  /** NodeProto. */
  public static final class Node {
    public static final int INPUT = 1;
    public static final int OUTPUT = 2;
    public static final int NAME = 3;
    public static final int OP_TYPE = 4;
    public static final int ATTRIBUTE = 5;
    public static final int DOMAIN = 7;

    private Node() {}
  }

  /** AttributeProto. */
  public static final class Attribute {
    public static final int NAME = 1;
    public static final int F = 2;
    public static final int I = 3;
    public static final int S = 4;
    public static final int T = 5;
    public static final int G = 6;
    public static final int FLOATS = 7;
    public static final int INTS = 8;
    public static final int TENSORS = 10;
    public static final int GRAPHS = 11;
    public static final int TYPE = 20;

    /** AttributeProto.AttributeType values. */
    public static final int TYPE_FLOAT = 1;
    public static final int TYPE_INT = 2;
    public static final int TYPE_TENSOR = 4;
    public static final int TYPE_FLOATS = 6;
    public static final int TYPE_INTS = 7;

    private Attribute() {}
  }

  /** TensorProto. */
  public static final class Tensor {
    public static final int DIMS = 1;
    public static final int DATA_TYPE = 2;
    public static final int FLOAT_DATA = 4;
    public static final int INT32_DATA = 5;
    public static final int INT64_DATA = 7;
    public static final int NAME = 8;
    public static final int RAW_DATA = 9;
    public static final int DATA_LOCATION = 14;

    /** TensorProto.DataLocation.EXTERNAL: the values live in another file. */
    public static final int LOCATION_EXTERNAL = 1;

    private Tensor() {}
  }

  /** TensorProto.DataType values. */
  public static final class DataType {
    public static final int FLOAT = 1;
    public static final int INT32 = 6;
    public static final int INT64 = 7;
    public static final int BOOL = 9;
    public static final int FLOAT16 = 10;
    public static final int DOUBLE = 11;

    private DataType() {}
  }

  /** ValueInfoProto. */
  public static final class ValueInfo {
    public static final int NAME = 1;
    public static final int TYPE = 2;

    private ValueInfo() {}
  }

  /** TypeProto and TypeProto.Tensor. */
  public static final class Type {
    public static final int TENSOR_TYPE = 1;
    public static final int TENSOR_ELEM_TYPE = 1;
    public static final int TENSOR_SHAPE = 2;

    private Type() {}
  }

  /** TensorShapeProto and its Dimension. */
  public static final class Shape {
    public static final int DIM = 1;
    public static final int DIM_VALUE = 1;
    public static final int DIM_PARAM = 2;

    private Shape() {}
  }
}
