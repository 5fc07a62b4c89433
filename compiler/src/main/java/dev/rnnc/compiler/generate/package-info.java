/**
 * Code generation: {@link dev.rnnc.compiler.generate.EvaluatorWriter} turns a schedule into one
 * specialized, allocation-free Java class (JavaPoet), and {@link
 * dev.rnnc.compiler.generate.InMemoryCompiler} compiles and loads such classes without touching the
 * file system.
 */
package dev.rnnc.compiler.generate;
