/** The commands, one class each: {@code report}, {@code check}, {@code merge}. */
package io.jlockdep.cli.internal.commands;
