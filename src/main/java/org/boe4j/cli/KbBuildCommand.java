package org.boe4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code boe4j kb build <source>}. Hook for the other builders: add their command classes (e.g.
 * {@code KbBuildWikipediaCommand}, {@code KbBuildWikidataCommand}) to {@code subcommands} below.
 */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Build a KB file from a source.",
        subcommands = {KbBuildIcuCommand.class, KbBuildWikidictCommand.class, KbBuildWikipediaCommand.class,
                KbBuildWikidataCommand.class})
public final class KbBuildCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        CommandLine.usage(spec.commandLine(), System.out);
    }
}
