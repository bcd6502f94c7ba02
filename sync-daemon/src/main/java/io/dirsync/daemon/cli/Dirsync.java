package io.dirsync.daemon.cli;

import io.dirsync.core.spi.ConnectorRegistry;
import io.dirsync.daemon.config.ConfigError;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command; errors become exit codes here and only here. */
@Command(name = "dirsync", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Syncs users, groups and memberships from Entra ID and Google Workspace into actions.",
    subcommands = {RunCommand.class, SyncCommand.class, CheckConfigCommand.class, StatusCommand.class, HistoryCommand.class,
        TestConnectionCommand.class, OutboxCommand.class, DemoCommand.class, EmulateCommand.class})
public final class Dirsync implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static int execute(String[] args, Function<String, String> env, Clock clock, PrintStream out, PrintStream err) {
    Env e = new Env(env, clock, out, err, ConnectorRegistry.load(Dirsync.class.getClassLoader()));
    CommandLine cl = new CommandLine(new Dirsync(), new Factory(e));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setExitCodeExceptionMapper(t -> t instanceof ConfigError ? ExitCodes.USAGE : ExitCodes.FAILED);
    cl.setParameterExceptionHandler((ex, a) -> {
      err.println("dirsync: " + ex.getMessage());
      err.println("Try 'dirsync " + ex.getCommandLine().getCommandName() + " --help'.");
      return ExitCodes.USAGE;
    });
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      if (ex instanceof ConfigError ce) {
        err.println("dirsync: configuration error: " + ce.getMessage());
        return ExitCodes.USAGE;
      }
      if (ex instanceof CommandLine.ParameterException pe) {
        err.println("dirsync: " + pe.getMessage());
        return ExitCodes.USAGE;
      }
      err.println("dirsync: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
      ex.printStackTrace(err);
      return ExitCodes.FAILED;
    });
    return cl.execute(args);
  }

  /** Hands every command the same {@link Env}. */
  private record Factory(Env env) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      for (var c : cls.getDeclaredConstructors()) {
        if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == Env.class) {
          c.setAccessible(true);
          return cls.cast(c.newInstance(env));
        }
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }
}
