package dev.rnnc.runtime;

/** What a tokens input's feature says about a vocabulary term within a window. */
public enum TokenFeatures {
  /** 1 if the term occurs in the window, else 0. */
  PRESENCE,
  /** How many times the term occurs in the window. */
  COUNTS
}
