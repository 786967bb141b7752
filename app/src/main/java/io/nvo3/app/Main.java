package io.nvo3.app;

import io.nvo3.app.cli.BgpCommands;
import io.nvo3.app.cli.CliCommands;
import io.nvo3.app.cli.LifecycleCommands;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code nvo3} command. */
@Command(name = "nvo3", mixinStandardHelpOptions = true, version = "nvo3 0.1.0",
        description = "Federated network-virtualization controller (IETF NVO3): OVSDB + OpenFlow 1.3 to Open vSwitch, MP-BGP to peers.",
        subcommands = {ControllerCommand.class, CliCommands.Nves.class, CliCommands.Networks.class,
                CliCommands.Ports.class, CliCommands.TenantSystem.class, LifecycleCommands.Move.class,
                LifecycleCommands.FibPolicy.class, LifecycleCommands.Redirects.class, CliCommands.Events.class,
                BgpCommands.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        System.exit(cl.execute(args));
    }
}
