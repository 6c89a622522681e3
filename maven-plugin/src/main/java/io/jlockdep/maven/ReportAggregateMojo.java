package io.jlockdep.maven;

import io.jlockdep.cli.Outcome;
import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.model.Dependency;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * One report over the recordings of several modules, as JaCoCo's {@code report-aggregate}: run in a module that
 * depends on the others (so the reactor builds it last), it reads {@code target/jlockdep} of this module and of every
 * module of the build it depends on, directly or through other modules, in any scope. Lock orders are merged
 * across all their test JVMs, so an inversion whose halves run in two modules' tests is found here (and only here).
 * Writes {@code target/site/jlockdep-aggregate/}; never fails the build.
 */
@Mojo(name = "report-aggregate", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class ReportAggregateMojo extends AbstractReportMojo {
    /** The directory, under each module's build directory, that holds its recordings. */
    static final String RECORDINGS = "jlockdep";

    /** Where the aggregate report goes. */
    @Parameter(property = "jlockdep.aggregateOutputDirectory",
            defaultValue = "${project.reporting.outputDirectory}/jlockdep-aggregate")
    File outputDirectory;

    @Override
    void run() throws MojoExecutionException {
        List<MavenProject> modules = modules();
        List<Path> dirs = new ArrayList<>();
        for (MavenProject m : modules) {
            dirs.add(Paths.get(m.getBuild().getDirectory(), RECORDINGS));
        }
        Outcome outcome = judge(dirs);
        if (outcome == null) {
            getLog().info("jlockdep: no recordings in " + modules.size() + (modules.size() == 1 ? " module" : " modules")
                    + ", no aggregate report");
            return;
        }
        Path out = outputDirectory.toPath();
        write(outcome, out, modules);
        getLog().info("jlockdep: " + outcome.summary() + " of " + modules.size() + " modules; report: "
                + name(out.resolve(HTML)));
        if (outcome.exitCode() != 0) {
            getLog().warn(CheckSummary.failure(outcome, name(out.resolve(HTML)), baselineName()));
        }
    }

    /** This module, then the build's modules it depends on (through other modules too), in build order. */
    private List<MavenProject> modules() {
        List<MavenProject> reactor = session.getProjects();
        Set<MavenProject> found = new LinkedHashSet<>();
        Deque<MavenProject> todo = new ArrayDeque<>();
        todo.add(project);
        while (!todo.isEmpty()) {
            MavenProject p = todo.poll();
            if (!found.add(p)) {
                continue;
            }
            for (Dependency d : p.getDependencies()) {
                for (MavenProject r : reactor) {
                    if (r.getGroupId().equals(d.getGroupId()) && r.getArtifactId().equals(d.getArtifactId())
                            && r.getVersion().equals(d.getVersion())) {
                        todo.add(r);
                    }
                }
            }
        }
        List<MavenProject> out = new ArrayList<>();
        for (MavenProject r : reactor) {
            if (found.contains(r)) {
                out.add(r);
            }
        }
        return out;
    }
}
