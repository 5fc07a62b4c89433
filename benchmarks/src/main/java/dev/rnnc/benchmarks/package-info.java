/** JMH benchmarks of generated evaluators against the interpreter, hand-written Java and peers. */
package dev.rnnc.benchmarks;
