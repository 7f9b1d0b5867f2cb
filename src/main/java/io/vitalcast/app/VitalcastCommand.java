package io.vitalcast.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code vitalcast} command line: one executable, a subcommand per job. Errors the user can fix end with a
 * one-line message and exit code 2, never a stack trace; anything else is reported as a bug, with its stack trace and
 * exit code 1 ({@link ExceptionReporter}).
 */
@Command(name = "vitalcast", mixinStandardHelpOptions = true, versionProvider = VitalcastCommand.Version.class,
    description = "Streaming forecaster for medical time series: LSTM forecasts and anomaly alerts on Kafka.",
    subcommands = {
        TrainCommand.class,
        EvaluateCommand.class,
        RunCommand.class,
        CheckCommand.class,
        DemoCommand.class,
        ReplayCommand.class,
        BacktestCommand.class,
        ExperimentCommand.class,
        ConvertCommand.class,
        CommandLine.HelpCommand.class
    })
public final class VitalcastCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new VitalcastCommand());
        cli.setExecutionExceptionHandler(new ExceptionReporter());
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Supplies {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"vitalcast " + io.vitalcast.Vitalcast.version(), "Java " + Runtime.version()};
        }
    }
}
