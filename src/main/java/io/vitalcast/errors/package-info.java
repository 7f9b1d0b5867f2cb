/**
 * The user-error type, {@link io.vitalcast.errors.UserException}, kept apart so that every layer, from {@code model}
 * to {@code app}, can throw it without depending on the command line: a mistake in an option, a setting, an input
 * file or a model file is found deep in the code, and the command line must still tell it from a bug. The subclasses
 * ({@code DataException}, {@code ModelFileException}, {@code ConfigException}, ...) live with the code that throws
 * them. This package depends on nothing.
 */
package io.vitalcast.errors;
