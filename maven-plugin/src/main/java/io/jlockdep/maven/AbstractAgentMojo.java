package io.jlockdep.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code prepare-agent} and {@code prepare-agent-integration}: put {@code -javaagent:} with the agent jar of this
 * plugin's own dependencies into the {@code argLine} property, which Surefire and Failsafe pass to every test JVM
 * (appended to what is there; see {@link AgentArgLine#join}). Each JVM records into its own file,
 * {@code PREFIX-<pid>.jfr} in {@link #recordingDirectory}, with every dependency edge ({@code edges=on}) so that
 * {@code report} and {@code check} can merge the forks' lock orders. The recordings a previous build left under
 * the same prefix are deleted first: a deadlock fixed since must not fail this build.
 */
abstract class AbstractAgentMojo extends AbstractJlockdepMojo {
    /** The agent's coordinates in the plugin's artifact map. */
    static final String AGENT = "io.jlockdep:jlockdep-agent";

    @Parameter(defaultValue = "${plugin.artifactMap}", readonly = true, required = true)
    Map<String, Artifact> pluginArtifactMap;

    /** The property the test plugins read their JVM arguments from. */
    @Parameter(property = "jlockdep.propertyName", defaultValue = "argLine")
    String propertyName;

    /** Where each test JVM writes its recording ({@code report} and {@code check} read them there). */
    @Parameter(property = "jlockdep.recordingDirectory", defaultValue = "${project.build.directory}/jlockdep")
    File recordingDirectory;

    /** The agent's {@code onCycle}: {@code report}, {@code throw} or {@code exit}. */
    @Parameter(property = "jlockdep.onCycle")
    String onCycle;

    /** The agent's {@code gated}: {@code ignore} or {@code report}. */
    @Parameter(property = "jlockdep.gated")
    String gated;

    /** The agent's {@code sameClass}: {@code instance}, {@code strict} or {@code off}. */
    @Parameter(property = "jlockdep.sameClass")
    String sameClass;

    /** The agent's {@code suppress}: a file of cycle ids or lock-class globs not to report. */
    @Parameter(property = "jlockdep.suppress")
    File suppress;

    /** The agent's {@code contract}: declared lock orders to prime. */
    @Parameter(property = "jlockdep.contract")
    File contract;

    /** The agent's {@code include}: {@code :}-separated class-name globs to rewrite. */
    @Parameter(property = "jlockdep.include")
    String include;

    /** The agent's {@code exclude}: {@code :}-separated class-name globs not to rewrite. */
    @Parameter(property = "jlockdep.exclude")
    String exclude;

    /** Any other agent options, {@code key=value,key=value} (README's options table); not {@code jfr} or {@code edges}. */
    @Parameter(property = "jlockdep.options")
    String options;

    /** The recordings' file-name prefix: {@code test} or {@code it}. */
    abstract String prefix();

    @Override
    final void run() throws MojoExecutionException {
        String jar = agentJar().getAbsolutePath();
        Path dir = recordingDirectory.toPath().toAbsolutePath().normalize();
        List<String[]> opts = new ArrayList<>();
        opts.add(new String[] {"jfr", AgentArgLine.outputDirectory(dir.toString()) + File.separator + prefix() + "-%p.jfr"});
        opts.add(new String[] {"edges", "on"});
        add(opts, "onCycle", onCycle);
        add(opts, "gated", gated);
        add(opts, "sameClass", sameClass);
        add(opts, "suppress", suppress == null ? null : suppress.getAbsolutePath());
        add(opts, "contract", contract == null ? null : contract.getAbsolutePath());
        add(opts, "include", include);
        add(opts, "exclude", exclude);
        addFreeForm(opts);
        String argument;
        try {
            argument = AgentArgLine.javaagent(jar, opts);
        } catch (AgentArgLine.Unusable e) {
            throw new MojoExecutionException("jlockdep: " + e.getMessage());
        }
        deleteOldRecordings(dir);
        Properties props = project.getProperties();
        String value = AgentArgLine.join(props.getProperty(propertyName), jar, argument);
        props.setProperty(propertyName, value);
        // A user property wins over every project property when the test plugins' configuration is evaluated.
        // Changing the session's user properties instead would leak one module's recording directory into another
        // module's tests in a parallel build, so this is only said.
        if (session.getUserProperties().containsKey(propertyName)) {
            getLog().warn("jlockdep: -D" + propertyName + " on the command line overrides the " + propertyName
                    + " this goal sets, so the test JVMs run without the agent; put extra JVM arguments in the POM's "
                    + propertyName + " property instead");
        } else {
            getLog().info("jlockdep: " + propertyName + " set to " + value);
        }
    }

    /** A skipped goal still defines the property, so that a test plugin's {@code @{argLine}} resolves. */
    @Override
    final void skipped() {
        Properties props = project.getProperties();
        if (props.getProperty(propertyName) == null) {
            props.setProperty(propertyName, "");
        }
    }

    private File agentJar() throws MojoExecutionException {
        Artifact a = pluginArtifactMap.get(AGENT);
        if (a == null || a.getFile() == null) {
            throw new MojoExecutionException("jlockdep: the plugin's dependency " + AGENT + " was not resolved");
        }
        return a.getFile();
    }

    private static void add(List<String[]> opts, String key, String value) {
        if (value != null && !value.trim().isEmpty()) {
            opts.add(new String[] {key, value.trim()});
        }
    }

    /** {@link #options}: pairs the agent will check itself, except the two this goal owns. */
    private void addFreeForm(List<String[]> opts) throws MojoExecutionException {
        if (options == null) {
            return;
        }
        for (String item : options.split(",")) {
            if (item.trim().isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            String key = eq < 0 ? item.trim() : item.substring(0, eq).trim();
            if (eq < 0) {
                throw new MojoExecutionException("jlockdep: options: '" + item.trim() + "' is not key=value");
            }
            if (key.equals("jfr") || key.equals("edges")) {
                throw new MojoExecutionException("jlockdep: options: " + key + " is set by the plugin (one recording"
                        + " per test JVM in recordingDirectory, with edges=on)");
            }
            for (String[] kv : opts) {
                if (kv[0].equals(key)) {
                    throw new MojoExecutionException("jlockdep: options: " + key + " is also a parameter of its own;"
                            + " give it once");
                }
            }
            opts.add(new String[] {key, item.substring(eq + 1).trim()});
        }
    }

    /** Deletes {@code PREFIX-*.jfr} (and the agent's temporary files beside them) that an earlier build left. */
    private void deleteOldRecordings(Path dir) throws MojoExecutionException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, prefix() + "-*.jfr*")) {
            for (Path f : files) {
                if (Files.isRegularFile(f)) {
                    Files.delete(f);
                    deleted++;
                }
            }
        } catch (IOException e) {
            throw new MojoExecutionException("jlockdep: cannot delete the old recordings in " + dir + ": " + e);
        }
        if (deleted > 0) {
            getLog().debug("jlockdep: deleted " + deleted + " recordings of an earlier build in " + dir);
        }
    }
}
