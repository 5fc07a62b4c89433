package dev.rnnc.compiler.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PyLiteralParserTest {

  @Test
  void parsesNumpyHeader() throws Exception {
    PyLiteral value =
        PyLiteralParser.parse(
            "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }          \n");
    assertThat(value)
        .isEqualTo(
            new PyLiteral.Dict(
                List.of(
                    new PyLiteral.Entry(new PyLiteral.Str("descr"), new PyLiteral.Str("<f8")),
                    new PyLiteral.Entry(
                        new PyLiteral.Str("fortran_order"), new PyLiteral.Bool(false)),
                    new PyLiteral.Entry(
                        new PyLiteral.Str("shape"),
                        new PyLiteral.Tuple(
                            List.of(
                                new PyLiteral.Int(BigInteger.valueOf(2)),
                                new PyLiteral.Int(BigInteger.valueOf(3))))))));
  }

  static Stream<Arguments> literals() {
    return Stream.of(
        arguments("()", "()"),
        arguments("(7,)", "(7,)"),
        arguments("(7)", "7"),
        arguments("( 1 , 2 , )", "(1, 2)"),
        arguments("[]", "[]"),
        arguments("[1, [2, (3,)]]", "[1, [2, (3,)]]"),
        arguments("-12", "-12"),
        arguments("+5", "5"),
        arguments("5L", "5"),
        arguments("123456789012345678901234567890", "123456789012345678901234567890"),
        arguments("None", "None"),
        arguments("True", "True"),
        arguments("\"it's\"", "'it\\'s'"),
        arguments("'a\\x41\\u00e9\\\\'", "'aA\u00e9\\\\'"),
        arguments("{}", "{}"),
        arguments("{1: 'x', 'y': [True]}", "{1: 'x', 'y': [True]}"));
  }

  @ParameterizedTest
  @MethodSource("literals")
  void parsesPythonLiteralsAndPrintsThemBack(String text, String repr) throws Exception {
    assertThat(PyLiteralParser.parse(text).toString()).isEqualTo(repr);
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        arguments("", "unexpected end of header, expected a value", 0),
        arguments("{'a': 1", "expected ',' or '}' after a dict value, found end of header", 7),
        arguments("{'a' 1}", "expected ':' after a dict key, found '1'", 5),
        arguments("{'a': 1, 'a': 2}", "duplicate key 'a'", 9),
        arguments("(1, 2", "expected ',' or ')', found end of header", 5),
        arguments("'abc", "unterminated string", 0),
        arguments("'a\\qb'", "unsupported escape '\\q' in string", 2),
        arguments("1.5", "unexpected '.' in a number (only integers are allowed)", 1),
        arguments("007", "integer with leading zeros", 0),
        arguments("-", "expected digits after the sign", 0),
        arguments("true", "unexpected name 'true'", 0),
        arguments("{'a': 1} x", "unexpected 'x' after the value", 9),
        arguments("1 # comment", "unexpected '#' after the value", 2),
        arguments("\u0001", "unexpected character U+0001, expected a value", 0),
        arguments("@", "unexpected '@', expected a value", 0));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void rejectsWithMessageAndOffset(String text, String message, int offset) {
    assertThatThrownBy(() -> PyLiteralParser.parse(text))
        .isInstanceOfSatisfying(
            PyLiteralParser.ParseException.class,
            e -> {
              assertThat(e.getMessage()).isEqualTo(message);
              assertThat(e.offset()).isEqualTo(offset);
            });
  }

  @Test
  void limitsNesting() throws Exception {
    int max = PyLiteralParser.MAX_DEPTH;
    String tooDeep = "[".repeat(max + 2) + "]".repeat(max + 2);
    assertThatThrownBy(() -> PyLiteralParser.parse(tooDeep))
        .hasMessage("nesting deeper than " + max + " levels");
    String deepest = "[".repeat(max + 1) + "]".repeat(max + 1);
    assertThat(PyLiteralParser.parse(deepest)).isInstanceOf(PyLiteral.PyList.class);
  }
}
