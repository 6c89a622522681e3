package io.jlockdep.benchmarks;

import io.jlockdep.core.Finding;

/** Sanity checks shared by the benchmarks; only ever called outside the measured region. */
final class Benchmarks {
  private Benchmarks() {}

  static void expect(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("benchmark precondition failed: " + what);
    }
  }

  static void expectNoFinding(Finding finding) {
    if (finding != null) {
      throw new IllegalStateException("unexpected finding:\n" + finding.render());
    }
  }
}
