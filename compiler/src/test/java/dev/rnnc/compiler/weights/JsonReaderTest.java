package dev.rnnc.compiler.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rnnc.compiler.weights.JsonReader.JsonArray;
import dev.rnnc.compiler.weights.JsonReader.JsonException;
import dev.rnnc.compiler.weights.JsonReader.JsonLiteral;
import dev.rnnc.compiler.weights.JsonReader.JsonNumber;
import dev.rnnc.compiler.weights.JsonReader.JsonObject;
import dev.rnnc.compiler.weights.JsonReader.JsonString;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict JSON reader of safetensors headers: what it accepts, and what it refuses. */
class JsonReaderTest {

  @Test
  void readsEveryKindOfValueInOrder() throws JsonException {
    JsonReader.Value v =
        JsonReader.parse(
            " {\"b\": [1, -0, 2.5e-3, 10E+2], \"a\": {\"t\": true, \"f\": false, \"n\": null},"
                + " \"s\": \"q\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"}\n");

    JsonObject o = (JsonObject) v;
    assertThat(o.members().keySet()).containsExactly("b", "a", "s");
    assertThat(((JsonArray) o.members().get("b")).items())
        .containsExactly(
            new JsonNumber("1"),
            new JsonNumber("-0"),
            new JsonNumber("2.5e-3"),
            new JsonNumber("10E+2"));
    assertThat(o.members().get("a"))
        .isEqualTo(
            new JsonObject(
                Map.of("t", JsonLiteral.TRUE, "f", JsonLiteral.FALSE, "n", JsonLiteral.NULL)));
    assertThat(o.members().get("s")).isEqualTo(new JsonString("q\"\\/\b\f\n\r\té😀"));
  }

  @Test
  void integersAreExactOnlyWithoutFractionOrExponent() {
    assertThat(new JsonNumber("123456789012345678901234567890").integer())
        .contains(new BigInteger("123456789012345678901234567890"));
    assertThat(new JsonNumber("1.0").integer()).isEmpty();
    assertThat(new JsonNumber("1e3").integer()).isEmpty();
  }

  @Test
  void emptyContainers() throws JsonException {
    assertThat(JsonReader.parse("{}")).isEqualTo(new JsonObject(Map.of()));
    assertThat(JsonReader.parse("[ ]")).isEqualTo(new JsonArray(List.of()));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "|the text ends where a value should be|0",
        "{\"a\":1,}|expected a key in double quotes, found '}'|7",
        "[1,]|unexpected ']' where a value should be|3",
        "{\"a\" 1}|expected ':', found '1'|5",
        "[1 2]|expected ',' or ']' in an array, found '2'|3",
        "{\"a\":1 \"b\":2}|expected ',' or '}' in an object, found '\"'|7",
        "01|a number must not have a leading zero|1",
        "-|'-' must be followed by digits|1",
        "1.|a decimal point must be followed by digits|2",
        "1e|an exponent must have digits|2",
        "NaN|unexpected 'N' where a value should be|0",
        "tru|unexpected 't' where a value should be|0",
        "\"abc|a string is not closed|4",
        "\"\\x\"|invalid escape '\\x' in a string|1",
        "\"\\u12\"|a \\u escape needs four hex digits|1",
        "\"\\ud800\"|an unpaired surrogate escape in a string|1",
        "\"\\udc00\"|an unpaired surrogate escape in a string|1",
        "\"\\ud800\\u0041\"|an unpaired surrogate escape in a string|1",
        "{\"a\":1,\"a\":2}|duplicate key \"a\"|7",
        "1 2|unexpected '2' after the value|2",
        "// c|unexpected '/' where a value should be|0",
      })
  void refuses(String text, String message, int offset) {
    assertThatThrownBy(() -> JsonReader.parse(text == null ? "" : text))
        .isInstanceOfSatisfying(
            JsonException.class,
            e -> {
              assertThat(e.getMessage()).isEqualTo(message);
              assertThat(e.offset()).isEqualTo(offset);
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"a\u0001\"", "\"\ud800\"", "\"\udc00x\""})
  void refusesRawControlCharactersAndUnpairedSurrogates(String text) {
    assertThatThrownBy(() -> JsonReader.parse(text)).isInstanceOf(JsonException.class);
  }

  @Test
  void limitsNesting() throws JsonException {
    String ok = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);
    assertThat(JsonReader.parse(ok)).isInstanceOf(JsonArray.class);

    String deep = "[".repeat(100_000);
    assertThatThrownBy(() -> JsonReader.parse(deep))
        .hasMessage("arrays and objects nested deeper than 64 levels");
  }
}
