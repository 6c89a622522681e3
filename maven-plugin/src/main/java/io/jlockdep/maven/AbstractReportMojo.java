package io.jlockdep.maven;

import io.jlockdep.cli.Baseline;
import io.jlockdep.cli.CliException;
import io.jlockdep.cli.Format;
import io.jlockdep.cli.Outcome;
import io.jlockdep.cli.Recording;
import io.jlockdep.cli.Reports;
import io.jlockdep.cli.SourceLocator;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * {@code report}, {@code check} and {@code report-aggregate}: the recordings of one or more directories judged in
 * one outcome ({@link Reports#checkAcrossRecordings}: every test JVM's own findings, then the cycles only the union of
 * their lock orders shows) against the baseline, and written as HTML, SARIF, JUnit XML and JSON. Recording names in
 * messages and reports, and SARIF's source paths, are relative to the build's top directory (usually the
 * repository's root, which code-scanning uploads expect).
 */
abstract class AbstractReportMojo extends AbstractJlockdepMojo {
    /** The baseline's file name at a module's root, used when present and no {@link #baseline} is configured. */
    static final String BASELINE_FILE = "jlockdep-baseline.txt";
    /** The report files {@link #write} makes in its directory. */
    static final String HTML = "index.html";
    static final String SARIF = "jlockdep.sarif";
    static final String JUNIT = "jlockdep-junit.xml";
    static final String JSON = "jlockdep.json";

    /** The cycle ids to accept; a configured file must exist. Default: {@code jlockdep-baseline.txt} at the module root, when present. */
    @Parameter(property = "jlockdep.baseline")
    File baseline;

    /**
     * The recordings of {@code dirs} (their {@code *.jfr} files; directories without any are passed over), judged;
     * null when there are none.
     */
    final Outcome judge(Collection<Path> dirs) throws MojoExecutionException {
        List<String> names = new ArrayList<>();
        for (Path dir : dirs) {
            if (hasRecordings(dir)) {
                names.add(name(dir));
            }
        }
        if (names.isEmpty()) {
            return null;
        }
        try {
            List<Recording> recordings = Reports.read(names, root());
            return Reports.checkAcrossRecordings(recordings, readBaseline());
        } catch (CliException e) {
            throw new MojoExecutionException("jlockdep: " + e.getMessage());
        }
    }

    /** Writes the outcome as {@code index.html}, {@code jlockdep.sarif}, {@code jlockdep-junit.xml} and {@code jlockdep.json} into {@code dir}. */
    final void write(Outcome outcome, Path dir, Collection<MavenProject> projects) throws MojoExecutionException {
        SourceLocator sources;
        try {
            sources = SourceLocator.create(sourceRoots(projects), root());
        } catch (CliException e) {
            throw new MojoExecutionException("jlockdep: " + e.getMessage());
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(HTML), Reports.render(outcome, Format.HTML, sources), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(SARIF), Reports.render(outcome, Format.SARIF, sources), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(JUNIT), Reports.render(outcome, Format.JUNIT, sources), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(JSON), Reports.render(outcome, Format.JSON, sources), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("jlockdep: cannot write the report in " + dir + ": " + e);
        }
    }

    /** The build's top directory: recording names and SARIF paths are relative to it. */
    final Path root() {
        MavenProject top = session.getTopLevelProject();
        Path dir = (top != null ? top : project).getBasedir().toPath().toAbsolutePath().normalize();
        Path own = project.getBasedir().toPath().toAbsolutePath().normalize();
        return own.startsWith(dir) ? dir : own;
    }

    /** {@code path} relative to {@link #root()} when inside it, else absolute. */
    final String name(Path path) {
        Path p = path.toAbsolutePath().normalize();
        Path root = root();
        return p.startsWith(root) && !p.equals(root) ? root.relativize(p).toString() : p.toString();
    }

    /** The configured baseline, or the module's {@code jlockdep-baseline.txt} when present, or null. */
    final Baseline readBaseline() throws CliException {
        if (baseline != null) {
            Path p = baseline.toPath().toAbsolutePath().normalize();
            return Baseline.read(name(p), p);
        }
        Path p = project.getBasedir().toPath().resolve(BASELINE_FILE).toAbsolutePath().normalize();
        return Files.isRegularFile(p) ? Baseline.read(name(p), p) : null;
    }

    /** Where the baseline is or would be, for messages. */
    final String baselineName() {
        Path p = baseline != null ? baseline.toPath() : project.getBasedir().toPath().resolve(BASELINE_FILE);
        return name(p);
    }

    static boolean hasRecordings(Path dir) throws MojoExecutionException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.jfr")) {
            for (Path f : files) {
                if (Files.isRegularFile(f)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new MojoExecutionException("jlockdep: cannot list " + dir + ": " + e);
        }
    }

    /** The projects' main and test source directories that exist, for SARIF's and the HTML page's source lookup. */
    private List<String> sourceRoots(Collection<MavenProject> projects) {
        List<String> out = new ArrayList<>();
        for (MavenProject p : projects) {
            List<String> roots = new ArrayList<>(p.getCompileSourceRoots());
            roots.addAll(p.getTestCompileSourceRoots());
            for (String r : roots) {
                Path dir = p.getBasedir().toPath().resolve(r).toAbsolutePath().normalize();
                if (Files.isDirectory(dir) && !out.contains(dir.toString())) {
                    out.add(dir.toString());
                }
            }
        }
        return out;
    }
}
