package dev.rnnc.compiler.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rnnc.compiler.onnx.proto.Onnx.NodeProto;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shape operators on constants, against results worked out with NumPy's (and so ONNX's)
 * indexing rules: negative positions, clamped bounds, negative steps, axes other than the first.
 */
class ConstantsTest {

  private static final NodeProto NODE =
      NodeProto.newBuilder().setName("n").setOpType("Op").addOutput("o").build();

  /** [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]] */
  private static final Tensor M =
      Tensor.ofInts(new long[] {3, 4}, new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});

  @Test
  void sliceWithNegativeStepsAndClampedBounds() throws ImportException {
    // m[::-1, 1:100:2]
    Tensor t =
        Constants.slice(
            NODE,
            M,
            new long[] {-1, 1},
            new long[] {Long.MIN_VALUE, 100},
            new long[] {0, -1},
            new long[] {-1, 2});

    assertThat(t.dims()).containsExactly(3, 2);
    assertThat(t.ints()).containsExactly(9, 11, 5, 7, 1, 3);
  }

  @Test
  void sliceThatSelectsNothing() throws ImportException {
    Tensor t =
        Constants.slice(NODE, M, new long[] {3}, new long[] {1}, new long[] {1}, new long[] {1});

    assertThat(t.dims()).containsExactly(3, 0);
  }

  @Test
  void gatherAlongTheSecondAxisWithNegativeIndices() throws ImportException {
    Tensor indices = Tensor.ofInts(new long[] {2}, new long[] {-1, 0});

    Tensor t = Constants.gather(NODE, M, indices, 1);

    assertThat(t.dims()).containsExactly(3, 2);
    assertThat(t.ints()).containsExactly(3, 0, 7, 4, 11, 8);
    assertThatThrownBy(
            () -> Constants.gather(NODE, M, Tensor.ofInts(new long[] {1}, new long[] {4}), 1))
        .hasMessage("node 'n' (Op) gathers index 4 of an axis of size 4");
  }

  @Test
  void concatAlongTheLastAxis() throws ImportException {
    Tensor t = Constants.concat(NODE, List.of(M, M), -1);

    assertThat(t.dims()).containsExactly(3, 8);
    assertThat(t.ints()).startsWith(0, 1, 2, 3, 0, 1, 2, 3, 4);
    assertThatThrownBy(
            () ->
                Constants.concat(
                    NODE, List.of(M, Tensor.ofInts(new long[] {1, 3}, new long[3])), 0))
        .hasMessage("node 'n' (Op) concatenates tensors of shapes [3, 4] and [1, 3] along axis 0");
  }

  @Test
  void transposeAndReshape() throws ImportException {
    Tensor t = Constants.transpose(NODE, M, new int[] {1, 0});
    assertThat(t.dims()).containsExactly(4, 3);
    assertThat(t.ints()).startsWith(0, 4, 8, 1, 5, 9);

    Tensor r = Constants.reshape(NODE, M, new long[] {0, -1, 2}, false);
    assertThat(r.dims()).containsExactly(3, 2, 2);
    assertThatThrownBy(() -> Constants.reshape(NODE, M, new long[] {5, -1}, false))
        .hasMessage("node 'n' (Op) reshapes a tensor of shape [3, 4] to [5, -1]");
    assertThatThrownBy(() -> Constants.transpose(NODE, M, new int[] {0, 0}))
        .hasMessage("node 'n' (Op) has perm [0, 0], not a permutation of 2 axes");
  }

  @Test
  void unsqueezeAndSqueeze() throws ImportException {
    assertThat(Constants.unsqueezed(NODE, new long[] {3, 4}, List.of(0L, -1L)))
        .containsExactly(1, 3, 4, 1);
    long[] dims = {1, 3, 1};
    assertThat(Constants.without(dims, Constants.squeezed(NODE, dims, null))).containsExactly(3);
    assertThatThrownBy(() -> Constants.squeezed(NODE, dims, List.of(1L)))
        .hasMessage("node 'n' (Op) squeezes axis 1 of size 3");
  }

  @Test
  void resultsOverTheLimitAreRefused() {
    // Row 0 of a [1, 8192] matrix, 8192 times: [8192, 8192], more than 2^25 values.
    Tensor row = Tensor.ofInts(new long[] {1, 1 << 13}, new long[1 << 13]);
    Tensor zeros = Tensor.ofInts(new long[] {1 << 13}, new long[1 << 13]);

    assertThatThrownBy(() -> Constants.gather(NODE, row, zeros, 0))
        .hasMessage("node 'n' (Op) makes a tensor of more than 33554432 values");
  }
}
