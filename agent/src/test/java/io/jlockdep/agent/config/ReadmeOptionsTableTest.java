package io.jlockdep.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's "### Options" table lists every option, no other, and the defaults the descriptors say: a
 * single {@code `literal`} default is the one the start-up line shows, {@code none} means no default, and
 * the engine limits' row lists the engine's defaults in order. Other default texts are prose, not checked.
 */
class ReadmeOptionsTableTest {
    private static final Pattern CODE = Pattern.compile("`([^`]*)`");
    private static final Pattern KEY = Pattern.compile("[A-Za-z]+");

    /** Option key → the row's default cell. */
    private static Map<String, String> defaults;
    /** Option key → how many keys its row lists, in order: the key's position in it. */
    private static Map<String, Integer> positions;

    @BeforeAll
    static void readTable() throws IOException {
        defaults = new LinkedHashMap<>();
        positions = new LinkedHashMap<>();
        for (List<String> row : rows(table(readme()))) {
            List<String> keys = keys(row.get(0));
            for (int i = 0; i < keys.size(); i++) {
                assertFalse(defaults.containsKey(keys.get(i)), "listed twice: " + keys.get(i));
                defaults.put(keys.get(i), row.get(2));
                positions.put(keys.get(i), i);
            }
        }
    }

    @Test
    void listsEveryOptionAndNoOther() {
        for (Option<?> o : Option.all()) {
            assertTrue(defaults.containsKey(o.key), () -> "README.md's options table lacks " + o.key + ", e.g. | `"
                    + o.key + "=" + o.example + "` | " + o.description + " | "
                    + (shownDefault(o).isEmpty() ? "none" : "`" + shownDefault(o) + "`") + " |");
        }
        for (String key : defaults.keySet()) {
            assertNotNull(Option.named(key), "README.md's options table lists an unknown option: " + key);
        }
    }

    @Test
    void defaultsAreTheDescriptors() {
        int checked = 0;
        for (Map.Entry<String, String> e : defaults.entrySet()) {
            Option<?> o = Option.named(e.getKey());
            String cell = e.getValue();
            Matcher literal = CODE.matcher(cell);
            if (literal.matches()) {
                assertEquals(literal.group(1), shownDefault(o), o.key);
            } else if (cell.equals("none")) {
                assertEquals("", shownDefault(o), o.key + " has a default but the table says none");
            } else if (o instanceof OptionKinds.Limit) {
                String[] numbers = cell.split(", ");
                assertEquals(shownDefault(o), numbers[positions.get(o.key)], o.key);
            } else {
                continue;
            }
            checked++;
        }
        assertEquals(Option.all().size() - 3, checked,
                "only include/exclude and cache (a directory under the user's home) give their default in words");
    }

    /** The default as the option shows it, "" when it has none. */
    private static <T> String shownDefault(Option<T> o) {
        T d = o.defaultValue();
        return d == null ? "" : o.show(d);
    }

    private static List<String> readme() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path readme = dir.resolve("README.md");
            if (Files.isRegularFile(readme)) {
                return Files.readAllLines(readme);
            }
        }
        throw new AssertionError("no README.md above " + Path.of("").toAbsolutePath());
    }

    /** The table rows of the "### Options" section. */
    private static List<String> table(List<String> lines) {
        int at = lines.indexOf("### Options");
        assertTrue(at >= 0, "README.md has no '### Options' section");
        List<String> table = new ArrayList<>();
        for (int i = at + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
            if (lines.get(i).startsWith("|")) {
                table.add(lines.get(i));
            } else if (!table.isEmpty()) {
                break;
            }
        }
        assertTrue(table.size() > 2, "no options table under '### Options'");
        return table.subList(2, table.size());
    }

    /** Each row's cells (option, meaning, default), trimmed; rows without an option (notes) left out. */
    private static List<List<String>> rows(List<String> table) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : table) {
            String[] cells = line.split("(?<!\\\\)\\|", -1);
            assertEquals(5, cells.length, line);
            if (!cells[1].isBlank()) {
                rows.add(List.of(cells[1].trim(), cells[2].trim(), cells[3].trim()));
            }
        }
        return rows;
    }

    /** The option keys of an option cell: each code span up to its {@code =}. */
    private static List<String> keys(String cell) {
        List<String> keys = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            String span = m.group(1);
            String key = span.indexOf('=') < 0 ? span : span.substring(0, span.indexOf('='));
            assertTrue(KEY.matcher(key).matches(), () -> "not an option key: " + span);
            keys.add(key);
        }
        assertFalse(keys.isEmpty(), cell);
        return keys;
    }
}
