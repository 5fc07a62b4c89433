package dev.rnnc.compiler.onnx;

/**
 * What a model file may hold, so that importing a hostile file costs bounded time and memory.
 *
 * @param maxFileBytes largest model file, and largest external data file
 * @param maxTensors most tensors (initializers and constants) in the graph
 * @param maxNodes most nodes in the graph
 * @param maxRank most dimensions of one tensor
 * @param maxTensorValues most elements of one tensor
 * @param maxTotalValues most elements of all tensors together
 */
public record ImportLimits(
    long maxFileBytes,
    int maxTensors,
    int maxNodes,
    int maxRank,
    long maxTensorValues,
    long maxTotalValues) {

  /**
   * The limits of {@code rnnc import}: a model file of up to 1 GiB, 100,000 tensors and nodes,
   * tensors of up to 8 dimensions and 2^25 elements (the largest matrix a spec may hold), 2^27
   * elements in all (the most weights a spec may hold).
   */
  public static final ImportLimits DEFAULT =
      new ImportLimits(1L << 30, 100_000, 100_000, 8, 1L << 25, 1L << 27);

  public ImportLimits {
    if (maxFileBytes < 1
        || maxTensors < 1
        || maxNodes < 1
        || maxRank < 1
        || maxTensorValues < 1
        || maxTotalValues < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}
