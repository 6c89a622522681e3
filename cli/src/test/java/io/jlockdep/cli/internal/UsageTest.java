package io.jlockdep.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlockdep.cli.CliException;
import io.jlockdep.cli.Command;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The help texts are the tool's, byte for byte: compared with copies of the texts of the hand-written parser
 * picocli replaced ({@code usage/*.txt}), and picocli renders a command's help as that text.
 */
class UsageTest {
    private static String golden(String name) throws IOException {
        try (InputStream in = UsageTest.class.getResourceAsStream("usage/" + name + ".txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void toolHelpIsUnchanged() throws IOException {
        assertEquals(golden("tool"), Main.USAGE);
    }

    @Test
    void commandHelpIsUnchangedAndRenderedByPicocli() throws IOException, CliException {
        for (Command c : Command.values()) {
            assertEquals(golden(c.id()), Main.usage(c), c.id());
            assertEquals(golden(c.id()), CliCommand.parse(c, List.of("--help")).usageMessage(), c.id());
        }
    }
}
