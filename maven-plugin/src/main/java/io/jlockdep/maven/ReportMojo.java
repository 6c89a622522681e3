package io.jlockdep.maven;

import io.jlockdep.cli.Outcome;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Reads the module's recordings, merges the lock orders of its test JVMs, and writes
 * {@code target/site/jlockdep/index.html} with SARIF, JUnit XML and JSON beside it. Never fails the build on
 * findings ({@code check} does); a module whose tests made no recording (none ran under the agent) is skipped.
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class ReportMojo extends AbstractReportMojo {
    /** The recordings to read (as {@code prepare-agent} wrote them). */
    @Parameter(property = "jlockdep.recordingDirectory", defaultValue = "${project.build.directory}/jlockdep")
    File recordingDirectory;

    /** Where the report goes. */
    @Parameter(property = "jlockdep.outputDirectory", defaultValue = "${project.reporting.outputDirectory}/jlockdep")
    File outputDirectory;

    @Override
    void run() throws MojoExecutionException {
        Path dir = recordingDirectory.toPath();
        Outcome outcome = judge(List.of(dir));
        if (outcome == null) {
            getLog().info("jlockdep: no recordings in " + name(dir) + ", no report (no tests ran under the agent)");
            return;
        }
        Path out = outputDirectory.toPath();
        write(outcome, out, List.of(project));
        getLog().info("jlockdep: " + outcome.summary() + "; report: " + name(out.resolve(HTML)));
    }
}
