package dev.rnnc.compiler.doc;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.parse.SpecReader;
import dev.rnnc.compiler.parse.YamlMapping;
import dev.rnnc.compiler.parse.YamlNode;
import dev.rnnc.compiler.parse.YamlScalar;
import dev.rnnc.compiler.parse.YamlSequence;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Test helper: checks specs against the JSON Schema that {@link SpecSchema} renders, with an
 * independent validator (networknt). A spec is read with rnnc's own YAML reader (the YAML 1.2 core
 * schema, as the checker sees it) and handed over as the JSON tree an editor's YAML language server
 * would build from it.
 */
public final class SchemaValidation {

  private SchemaValidation() {}

  private static final Schema SCHEMA =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
          .getSchema(SpecSchema.json(), InputFormat.JSON);

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /**
   * The schema's complaints about a spec file, or empty if the file is not YAML at all (then an
   * editor reports the YAML error and never consults the schema).
   */
  public static Optional<List<String>> errors(Path spec) {
    Optional<YamlNode> tree = SpecReader.read(spec, new Diagnostics());
    return tree.map(SchemaValidation::errors);
  }

  /** The schema's complaints about a spec's YAML tree. */
  public static List<String> errors(YamlNode tree) {
    List<Error> errors = SCHEMA.validate(toJson(tree));
    return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
  }

  /** A YAML tree as JSON: mappings as objects (first of duplicate keys), scalars by type. */
  public static JsonNode toJson(YamlNode node) {
    if (node instanceof YamlMapping m) {
      ObjectNode o = JSON.objectNode();
      for (YamlMapping.Entry e : m.entries()) {
        String key = e.keyText() != null ? e.keyText() : "<" + e.key().describe() + ">";
        if (!o.has(key)) {
          o.set(key, toJson(e.value()));
        }
      }
      return o;
    }
    if (node instanceof YamlSequence s) {
      ArrayNode a = JSON.arrayNode();
      for (YamlNode item : s.items()) {
        a.add(toJson(item));
      }
      return a;
    }
    YamlScalar s = (YamlScalar) node;
    return switch (s.type()) {
      case NULL -> JSON.nullNode();
      case BOOLEAN -> JSON.booleanNode(s.value().equalsIgnoreCase("true"));
      case INTEGER -> JSON.numberNode(integer(s.value()));
      case FLOAT -> floating(s.value());
      case STRING, INVALID -> JSON.stringNode(s.value());
    };
  }

  private static BigInteger integer(String text) {
    String t = text.startsWith("+") ? text.substring(1) : text;
    boolean negative = t.startsWith("-");
    String digits = negative ? t.substring(1) : t;
    BigInteger value =
        digits.startsWith("0x")
            ? new BigInteger(digits.substring(2), 16)
            : digits.startsWith("0o")
                ? new BigInteger(digits.substring(2), 8)
                : new BigInteger(digits);
    return negative ? value.negate() : value;
  }

  /** A float scalar; JSON has no infinities or NaN, so those stay text (never a number). */
  private static JsonNode floating(String text) {
    String t = text.startsWith("+") ? text.substring(1) : text;
    if (t.toLowerCase(java.util.Locale.ROOT).matches("-?\\.(inf|nan)")) {
      return JSON.stringNode(text);
    }
    return JSON.numberNode(new BigDecimal(t));
  }
}
