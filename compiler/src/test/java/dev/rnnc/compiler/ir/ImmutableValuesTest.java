package dev.rnnc.compiler.ir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The IR hands out values, never an array a caller could change. */
class ImmutableValuesTest {

  @Test
  void matrixCopiesInAndOut() {
    double[] data = {1, 2, 3, 4, 5, 6};
    Matrix m = new Matrix(2, 3, data);
    data[0] = 99;
    assertThat(m.get(0, 0)).isEqualTo(1);
    m.toArray()[1] = 99;
    assertThat(m.get(0, 1)).isEqualTo(2);
    assertThat(m.toColumnMajor()).containsExactly(1, 4, 2, 5, 3, 6);
    assertThat(m.at(5)).isEqualTo(6);
    assertThat(m.size()).isEqualTo(6);
    assertThat(m).isEqualTo(new Matrix(2, 3, new double[] {1, 2, 3, 4, 5, 6}));
    assertThatThrownBy(() -> new Matrix(2, 2, data)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void doublesCopyInAndOut() {
    double[] values = {0.5, -0.5};
    Doubles d = Doubles.of(values);
    values[0] = 9;
    d.toArray()[1] = 9;
    assertThat(d.toArray()).containsExactly(0.5, -0.5);
    assertThat(d).isEqualTo(Doubles.of(0.5, -0.5)).isNotEqualTo(Doubles.filled(2, 0.5));
  }
}
