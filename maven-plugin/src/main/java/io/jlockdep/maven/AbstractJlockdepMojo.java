package io.jlockdep.maven;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** What every goal has: the project, the session, and {@code -Djlockdep.skip}, which skips them all. */
abstract class AbstractJlockdepMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    /** Skips every jlockdep goal of the build. */
    @Parameter(property = "jlockdep.skip", defaultValue = "false")
    boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("jlockdep: skipped (jlockdep.skip)");
            skipped();
            return;
        }
        run();
    }

    /** The goal's work. */
    abstract void run() throws MojoExecutionException, MojoFailureException;

    /** What a skipped goal still owes the build (nothing, unless it defines a property others use). */
    void skipped() {
    }
}
