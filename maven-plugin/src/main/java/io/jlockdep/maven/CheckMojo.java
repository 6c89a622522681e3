package io.jlockdep.maven;

import io.jlockdep.cli.Outcome;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Fails the build on the module's findings that the baseline does not accept: each test JVM's own, and the cycles
 * only the union of their lock orders shows. The failure names each finding (kind, cycle id, lock classes), the
 * tests that took its orders, and the report. Reads the recordings itself, so it works without {@code report}
 * (declared after it in the same execution, it runs after it, and the message can name the page).
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractReportMojo {
    /** The recordings to read (as {@code prepare-agent} wrote them). */
    @Parameter(property = "jlockdep.recordingDirectory", defaultValue = "${project.build.directory}/jlockdep")
    File recordingDirectory;

    /** Where {@code report} writes the report, which the failure names. */
    @Parameter(property = "jlockdep.outputDirectory", defaultValue = "${project.reporting.outputDirectory}/jlockdep")
    File outputDirectory;

    /** Whether findings fail the build; false only logs them. */
    @Parameter(property = "jlockdep.haltOnFailure", defaultValue = "true")
    boolean haltOnFailure;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        Path dir = recordingDirectory.toPath();
        Outcome outcome = judge(List.of(dir));
        if (outcome == null) {
            getLog().info("jlockdep: no recordings in " + name(dir) + ", nothing to check (no tests ran under the agent)");
            return;
        }
        String stale = CheckSummary.staleLine(outcome, baselineName());
        if (stale != null) {
            getLog().warn(stale);
        }
        if (outcome.exitCode() == 0) {
            getLog().info("jlockdep: " + outcome.summary());
            return;
        }
        Path html = outputDirectory.toPath().resolve(HTML);
        String message = CheckSummary.failure(outcome, Files.isRegularFile(html) ? name(html) : null, baselineName());
        if (haltOnFailure) {
            throw new MojoFailureException(message);
        }
        getLog().warn(message);
    }
}
