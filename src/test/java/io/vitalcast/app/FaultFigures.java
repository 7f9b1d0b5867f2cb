package io.vitalcast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.IsolationLevel;

/**
 * What the fault tests measure and print, one figure a line: the readings sent, the steps they make, the forecasts a
 * read_committed consumer sees, the duplicates and losses among them, and how long recoveries took.
 */
final class FaultFigures {
    private final String test;

    FaultFigures(String test) {
        this.test = test;
    }

    void print(String figure, Object value) {
        System.out.println(test + " " + figure + ": " + value);
    }

    /** Prints the exactly-once figures and asserts that no step is lost or duplicated. */
    void assertExactlyOnce(TestTopics topics, LiveMonitors monitors) {
        List<String> steps = topics.readCommitted(topics.forecasts()).stream().map(TestReadings::forecastId).toList();
        Map<String, Integer> counts = new HashMap<>();
        steps.forEach(step -> counts.merge(step, 1, Integer::sum));
        long duplicates = counts.values().stream().mapToLong(count -> count - 1).sum();
        Set<String> expected = monitors.expectedSteps();
        Set<String> lost = new HashSet<>(expected);
        lost.removeAll(counts.keySet());
        Set<String> unexpected = new HashSet<>(counts.keySet());
        unexpected.removeAll(expected);
        long rejected = topics.readCommitted(topics.rejected()).size();
        print("inputs (readings sent)", monitors.sent());
        print("steps expected", expected.size());
        print("outcomes (forecasts committed)", steps.size());
        print("forecasts written but aborted (read_uncommitted only)",
            topics.read(topics.forecasts(), IsolationLevel.READ_UNCOMMITTED).size() - steps.size());
        print("rejected", rejected);
        print("duplicates", duplicates);
        print("losses", lost.size());
        assertThat(lost).as("steps never forecast").isEmpty();
        assertThat(duplicates).as("steps forecast more than once").isZero();
        assertThat(unexpected).as("forecasts of steps never sent").isEmpty();
        assertThat(rejected).as("rejected readings").isZero();
    }
}
