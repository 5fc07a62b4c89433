package dev.rnnc.compiler.generate;

/**
 * A Java expression with its estimated bytecode size ({@link Cost}); atomic ones need no
 * parentheses.
 */
record Expr(Src code, int cost, boolean atomic) {

  static Expr of(int cost, boolean atomic, Object... parts) {
    return new Expr(Src.of(parts), cost, atomic);
  }

  /** This expression, parenthesized unless atomic. */
  Src paren() {
    return atomic ? code : Src.of("(", code, ")");
  }
}
