/**
 * The {@code vitalcast} command line (picocli): one subcommand per job. Commands parse options, call the library
 * packages, and turn user errors into one-line messages with exit code 2, everything else into a bug report with a
 * stack trace and exit code 1 ({@code ExceptionReporter}). {@link io.vitalcast.app.StreamsRunner} is the deployment
 * lifecycle of the streaming job behind {@code run} (topics, Kafka Streams client, metrics endpoint, shutdown), kept
 * apart from the topology in {@code streaming}.
 */
package io.vitalcast.app;
