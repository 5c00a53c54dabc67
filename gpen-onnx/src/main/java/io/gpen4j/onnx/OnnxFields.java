package io.gpen4j.onnx;

/**
 * Field numbers and enum values of the part of onnx.proto that gpen4j reads and writes
 * (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto, IR version 3 onwards).
 */
final class OnnxFields {
  private OnnxFields() {}

  /** ModelProto. */
  static final class Model {
    static final int IR_VERSION = 1;
    static final int PRODUCER_NAME = 2;
    static final int PRODUCER_VERSION = 3;
    static final int GRAPH = 7;
    static final int OPSET_IMPORT = 8;

    private Model() {}
  }

  /** OperatorSetIdProto. */
  static final class OpsetId {
    static final int DOMAIN = 1;
    static final int VERSION = 2;

    private OpsetId() {}
  }

  /** GraphProto. */
  static final class Graph {
    static final int NODE = 1;
    static final int NAME = 2;
    static final int INITIALIZER = 5;
    static final int INPUT = 11;
    static final int OUTPUT = 12;
    static final int VALUE_INFO = 13;

    private Graph() {}
  }

  /** NodeProto. */
  static final class Node {
    static final int INPUT = 1;
    static final int OUTPUT = 2;
    static final int NAME = 3;
    static final int OP_TYPE = 4;
    static final int ATTRIBUTE = 5;
    static final int DOMAIN = 7;

    private Node() {}
  }

  /** AttributeProto. */
  static final class Attribute {
    static final int NAME = 1;
    static final int F = 2;
    static final int I = 3;
    static final int T = 5;
    static final int G = 6;
    static final int FLOATS = 7;
    static final int INTS = 8;
    static final int TENSORS = 10;
    static final int GRAPHS = 11;
    static final int TYPE = 20;

    /** AttributeProto.AttributeType values. */
    static final int TYPE_FLOAT = 1;
    static final int TYPE_INT = 2;
    static final int TYPE_TENSOR = 4;
    static final int TYPE_FLOATS = 6;
    static final int TYPE_INTS = 7;

    private Attribute() {}
  }

  /** TensorProto. */
  static final class Tensor {
    static final int DIMS = 1;
    static final int DATA_TYPE = 2;
    static final int FLOAT_DATA = 4;
    static final int INT32_DATA = 5;
    static final int INT64_DATA = 7;
    static final int NAME = 8;
    static final int RAW_DATA = 9;
    static final int DATA_LOCATION = 14;

    /** TensorProto.DataLocation.EXTERNAL: the values live in another file. */
    static final int LOCATION_EXTERNAL = 1;

    private Tensor() {}
  }

  /** TensorProto.DataType values. */
  static final class DataType {
    static final int FLOAT = 1;
    static final int INT32 = 6;
    static final int INT64 = 7;
    static final int BOOL = 9;
    static final int FLOAT16 = 10;
    static final int DOUBLE = 11;

    private DataType() {}
  }

  /** ValueInfoProto. */
  static final class ValueInfo {
    static final int NAME = 1;
    static final int TYPE = 2;

    private ValueInfo() {}
  }

  /** TypeProto and TypeProto.Tensor. */
  static final class Type {
    static final int TENSOR_TYPE = 1;
    static final int TENSOR_ELEM_TYPE = 1;
    static final int TENSOR_SHAPE = 2;

    private Type() {}
  }

  /** TensorShapeProto and its Dimension. */
  static final class Shape {
    static final int DIM = 1;
    static final int DIM_VALUE = 1;
    static final int DIM_PARAM = 2;

    private Shape() {}
  }
}
