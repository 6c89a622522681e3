package io.jlockdep.agent.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the options of a config file ({@code config=FILE}): {@link Properties} in strict UTF-8. Every key
 * must be an option other than {@code config}, with a non-empty value, at most once; relative paths are
 * resolved against the file's directory. Errors carry the prefix {@code config file 'FILE': }.
 */
final class ConfigFile {
    private ConfigFile() {
    }

    /** {@link Properties} that keeps keys in file order and remembers the first key given twice. */
    private static final class OrderedProperties extends Properties {
        private static final long serialVersionUID = 1L;
        final transient Map<String, String> entries = new LinkedHashMap<>();
        transient String duplicate;

        @Override
        public synchronized Object put(Object key, Object value) {
            String k = String.valueOf(key);
            if (entries.containsKey(k) && duplicate == null) {
                duplicate = k;
            }
            entries.put(k, String.valueOf(value));
            return super.put(key, value);
        }
    }

    /**
     * The options in {@code file}.
     *
     * @param file  the file (absolute)
     * @param given the {@code config} value as given, which messages quote
     * @throws OptionException for an unreadable file or a bad entry
     */
    static OptionValues read(Path file, String given) {
        AgentOptions.checkReadable(file, given, "config", "");
        String origin = "config file '" + given + "': ";
        String text;
        try {
            text = Text.readUtf8(file);
        } catch (IOException e) {
            throw new OptionException("cannot read config file '" + given + "': " + Text.reason(e), e);
        } catch (Text.MalformedUtf8Exception e) {
            throw new OptionException(origin + "line " + e.line + " is not valid UTF-8");
        }
        OrderedProperties props = new OrderedProperties();
        try {
            props.load(new StringReader(text));
        } catch (IllegalArgumentException e) {
            throw new OptionException(origin + "malformed \\uxxxx escape", e);
        } catch (IOException e) {
            throw new OptionException("cannot read config file '" + given + "': " + Text.reason(e), e);
        }
        if (props.duplicate != null) {
            throw new OptionException(origin + "option '" + props.duplicate + "' given twice");
        }
        Path dir = file.getParent();
        OptionValues vals = new OptionValues();
        for (Map.Entry<String, String> e : props.entries.entrySet()) {
            String key = e.getKey().trim();
            String value = e.getValue().trim();
            Option<?> opt = Option.lookup(key, key + "=" + value, origin);
            if (opt == Option.CONFIG) {
                throw new OptionException(origin + "option 'config' cannot be used inside a config file");
            }
            if (value.isEmpty()) {
                throw opt.needsValue(origin);
            }
            vals.parse(opt, value, dir, origin);
        }
        return vals;
    }
}
