package org.boe4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code boe4j kb ...}: build, inspect, merge knowledge bases and find entity mentions. */
@Command(name = "kb", mixinStandardHelpOptions = true,
        description = "Knowledge base: build (icu, and the dump builders), entities, info, merge.",
        subcommands = {KbBuildCommand.class, KbEntitiesCommand.class, KbInfoCommand.class, KbMergeCommand.class,
                KbCoverageCommand.class})
public final class KbCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        CommandLine.usage(spec.commandLine(), System.out);
    }
}
