package io.seq4j.cli;

import io.seq4j.core.data.InputFormatException;
import io.seq4j.core.train.TrainingDivergedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code seq4j} command. Exit status: 0 on success, 2 on bad input or usage (one message on
 * stderr naming the file and line, or the option), 1 on an unexpected failure.
 */
@Command(name = "seq4j", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Recurrent sequence models on Deeplearning4j.",
        subcommands = {InfoCommand.class, QuickstartCommand.class, InspectCommand.class, BenchCommand.class, SentimentCommand.class, NerCommand.class, Word2VecCommand.class, LmCommand.class, TranslateCommand.class, ExampleCommand.class, ServeCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    public static final int OK = 0, FAILURE = 1, BAD_INPUT = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit status (for tests and embedding). */
    public static int run(String... args) {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setExecutionExceptionHandler(Main::handle);
        return cmd.execute(args);
    }

    private static int handle(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (ex instanceof InputFormatException || ex instanceof UsageException) {
            err.println("seq4j: " + ex.getMessage());
            return BAD_INPUT;
        }
        if (ex instanceof TrainingDivergedException) {
            err.println("seq4j: " + ex.getMessage());
            return FAILURE;
        }
        err.println("seq4j: unexpected failure: " + ex);
        if (System.getenv("SEQ4J_DEBUG") != null) {
            ex.printStackTrace(err);
        } else {
            err.println("(set SEQ4J_DEBUG=1 for the stack trace)");
        }
        return FAILURE;
    }
}
