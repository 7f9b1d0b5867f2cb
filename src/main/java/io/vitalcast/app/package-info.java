/**
 * The {@code vitalcast} command line (picocli): one subcommand per job. Commands parse options, call the library
 * packages, and turn user errors into one-line messages with a non-zero exit code.
 */
package io.vitalcast.app;
