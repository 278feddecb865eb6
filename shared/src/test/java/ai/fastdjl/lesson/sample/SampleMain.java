package ai.fastdjl.lesson.sample;

import ai.fastdjl.cli.CommonOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of a lesson main, as every main declares them. */
@Command(name = "SampleMain", mixinStandardHelpOptions = true)
public final class SampleMain {
    @Mixin
    public CommonOptions common = new CommonOptions();

    @Option(names = "--title")
    public String title;
}
