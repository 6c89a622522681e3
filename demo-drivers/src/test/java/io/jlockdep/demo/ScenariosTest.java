package io.jlockdep.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlockdep.demo.scenario.Scenario;
import io.jlockdep.demo.scenario.Scenarios;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every scenario runs to completion without the agent, and leaves no thread behind. */
class ScenariosTest {
    static Stream<Scenario> scenarios() {
        return Scenarios.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void runsToCompletion(Scenario scenario) throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        ScenarioRun r = ScenarioRun.execute(scenario);
        assertNull(r.failure(), () -> scenario.name() + " failed: " + r.failure());
        assertNotNull(r.summary());
        assertTrue(r.findings().isEmpty(), "no agent, no findings");
        List<String> left = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive()).map(Thread::getName).collect(Collectors.toList());
        assertEquals(List.of(), left, "threads left running by " + scenario.name());
    }

    @Test
    void withoutTheAgentNothingIsActive() {
        assertFalse(ScenarioRun.agentActive());
    }

    @Test
    void theTourRunsTheDriverStackThenEverydayJava() {
        List<Scenario> tour = Scenarios.tourOrder();
        List<Scenario> drivers = Scenarios.tourOrder(Scenario.Part.DRIVERS);
        List<Scenario> everyday = Scenarios.tourOrder(Scenario.Part.EVERYDAY);
        assertEquals(15, drivers.size());
        assertEquals(8, everyday.size());
        assertEquals(tour.subList(0, 15), drivers);
        assertEquals(tour.subList(15, 23), everyday);
        for (Scenario s : everyday) {
            assertEquals(Scenario.Part.EVERYDAY, s.part(), s.name());
        }
        for (Scenario s : drivers) {
            assertEquals(Scenario.Part.DRIVERS, s.part(), s.name());
        }
        assertEquals(List.of("bank-inversion-fixed", "bank-inversion", "future-under-lock-fixed", "future-under-lock",
                "nested-monitor-lockout-fixed", "nested-monitor-lockout", "latch-under-lock-fixed", "latch-under-lock"),
                everyday.stream().map(Scenario::name).collect(Collectors.toList()));
    }

    @Test
    void theTourShowsEachFixBeforeItsMistakeAfterTheFullStack() {
        List<String> tour = Scenarios.tourOrder().stream().map(Scenario::name).collect(Collectors.toList());
        assertEquals("full-stack", tour.get(0));
        assertEquals(Set.copyOf(Scenarios.names()), Set.copyOf(tour));
        for (Scenario s : Scenarios.all()) {
            if (s.expected() == Scenario.Expected.INVERSION) {
                assertEquals(tour.indexOf(s.name()) - 1, tour.indexOf(s.name() + "-fixed"), s.name());
                assertNotNull(s.expectedKind());
                assertFalse(s.expectedClasses().isEmpty());
            }
        }
    }
}
