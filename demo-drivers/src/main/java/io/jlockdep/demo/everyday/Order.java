package io.jlockdep.demo.everyday;

/** An order placed at a counter. */
public record Order(int number, String item) {
}
