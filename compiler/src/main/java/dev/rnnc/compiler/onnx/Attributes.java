package dev.rnnc.compiler.onnx;

import dev.rnnc.compiler.onnx.proto.Onnx.AttributeProto;
import dev.rnnc.compiler.onnx.proto.Onnx.AttributeProto.AttributeType;
import dev.rnnc.compiler.onnx.proto.Onnx.NodeProto;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The attributes of one node, read by name and type; an attribute that the importer does not know
 * for the node's operator is an error, since it could change what the node computes.
 */
final class Attributes {

  private final NodeProto node;
  private final Map<String, AttributeProto> byName = new LinkedHashMap<>();

  /**
   * @param known the attributes the operator may have (all others are refused)
   */
  Attributes(NodeProto node, Set<String> known) throws ImportException {
    this.node = node;
    for (AttributeProto a : node.getAttributeList()) {
      if (!known.contains(a.getName())) {
        throw Nodes.problem(
            node,
            "has attribute '" + Nodes.printable(a.getName()) + "', which rnnc does not import",
            known.isEmpty()
                ? "rnnc imports this operator without attributes"
                : "rnnc imports this operator with the attributes "
                    + String.join(", ", new TreeSet<>(known)));
      }
      if (byName.put(a.getName(), a) != null) {
        throw Nodes.problem(node, "has attribute '" + a.getName() + "' twice", null);
      }
    }
  }

  boolean has(String name) {
    return byName.containsKey(name);
  }

  long integer(String name, long otherwise) throws ImportException {
    AttributeProto a = byName.get(name);
    if (a == null) {
      return otherwise;
    }
    expect(a, AttributeType.INT, "an integer");
    return a.getI();
  }

  double real(String name, double otherwise) throws ImportException {
    AttributeProto a = byName.get(name);
    if (a == null) {
      return otherwise;
    }
    expect(a, AttributeType.FLOAT, "a number");
    return a.getF();
  }

  String string(String name, String otherwise) throws ImportException {
    AttributeProto a = byName.get(name);
    if (a == null) {
      return otherwise;
    }
    expect(a, AttributeType.STRING, "a string");
    return a.getS().toString(StandardCharsets.UTF_8);
  }

  Optional<List<Long>> integers(String name) throws ImportException {
    AttributeProto a = byName.get(name);
    if (a == null) {
      return Optional.empty();
    }
    expect(a, AttributeType.INTS, "a list of integers");
    return Optional.of(a.getIntsList());
  }

  Optional<List<Double>> reals(String name) throws ImportException {
    AttributeProto a = byName.get(name);
    if (a == null) {
      return Optional.empty();
    }
    expect(a, AttributeType.FLOATS, "a list of numbers");
    List<Double> out = new ArrayList<>();
    for (float f : a.getFloatsList()) {
      out.add((double) f);
    }
    return Optional.of(out);
  }

  Optional<List<String>> strings(String name) throws ImportException {
    AttributeProto a = byName.get(name);
    if (a == null) {
      return Optional.empty();
    }
    expect(a, AttributeType.STRINGS, "a list of strings");
    List<String> out = new ArrayList<>();
    for (var s : a.getStringsList()) {
      out.add(s.toString(StandardCharsets.UTF_8));
    }
    return Optional.of(out);
  }

  Optional<AttributeProto> tensor(String name) throws ImportException {
    AttributeProto a = byName.get(name);
    if (a == null) {
      return Optional.empty();
    }
    expect(a, AttributeType.TENSOR, "a tensor");
    return Optional.of(a);
  }

  private void expect(AttributeProto a, AttributeType type, String what) throws ImportException {
    // IR version 1 files may leave out the type; then the value field must be the one set.
    boolean untypedButSet =
        a.getType() == AttributeType.UNDEFINED
            && switch (type) {
              case INT -> a.hasI();
              case FLOAT -> a.hasF();
              case STRING -> a.hasS();
              case TENSOR -> a.hasT();
              case INTS -> a.getIntsCount() > 0;
              case FLOATS -> a.getFloatsCount() > 0;
              case STRINGS -> a.getStringsCount() > 0;
              default -> false;
            };
    if (a.getType() != type && !untypedButSet) {
      throw Nodes.problem(node, "has attribute '" + a.getName() + "' that is not " + what, null);
    }
  }
}
