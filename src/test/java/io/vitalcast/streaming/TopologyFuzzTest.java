package io.vitalcast.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vitalcast.backtest.TopologySession;
import io.vitalcast.forecasting.ModelRegistry;
import io.vitalcast.metrics.VitalcastMetrics;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Fuzzes the whole production topology through the TopologyTestDriver: random mixtures of valid and invalid
 * readings, batches, odd timestamps, huge arrays, unicode and long ids, garbage and acknowledgements, sent to one
 * topology that runs on across the tries (as a service does). The property: the driver never throws, and every input
 * ends as its outcomes, counted: the samples used (the accepted-readings counter) plus the rejections on the
 * rejected topic equal the samples sent, and each acknowledgement is accepted or rejected. No rejection is a
 * {@code PROCESSING_ERROR} (that would be a bug caught by the handler), and every output's timestamp is one the
 * broker accepts.
 */
class TopologyFuzzTest {
    private static final Instant T0 = Instant.parse("2026-11-25T16:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Map<String, Integer> reasons = new TreeMap<>();
    private Path stateDirectory;
    private TopologySession session;
    private Instant clock = T0;
    private long records;
    private long samples;
    private long used;
    private long acks;
    private long published;
    private long alertEvents;

    /** The records of one try, each sent one second after the last, some after a longer pause. */
    record Mixture(List<FuzzInputs.FuzzRecord> readings, List<FuzzInputs.FuzzRecord> acks, List<Integer> pauses) {
    }

    @BeforeProperty
    void openTopology() throws IOException {
        stateDirectory = Files.createTempDirectory("vitalcast-fuzz");
        session = TopologySession.open(TestSettings.standard(),
            ModelRegistry.load(null, TestSettings.standard().signals()), new VitalcastMetrics(registry, Set.of()),
            stateDirectory, T0);
    }

    @AfterProperty
    void closeTopology() throws IOException {
        session.close();
        Utils.delete(stateDirectory.toFile());
        System.out.printf("TopologyFuzzTest: %,d records (%,d samples) and %,d acknowledgements sent; %,d samples "
            + "used; %,d forecasts and %,d alert events published; rejections by reason %s%n", records, samples, acks, used,
            published, alertEvents, reasons);
    }

    @Property
    void shouldEndEveryInputAsItsOutcomesAndNeverThrow(@ForAll("mixtures") Mixture mixture) {
        double acceptedBefore = counter(VitalcastMetrics.READINGS, "accepted");
        double acksBefore = counter(VitalcastMetrics.ACKS, "accepted");
        int expected = 0;
        for (int i = 0; i < mixture.readings().size(); i++) {
            FuzzInputs.FuzzRecord reading = mixture.readings().get(i);
            clock = clock.plusSeconds(mixture.pauses().get(i));
            session.pipeReading(reading.key(), reading.bytes().apply(clock.toEpochMilli()), clock);
            expected += reading.outcomes();
            if (i < mixture.acks().size()) {
                FuzzInputs.FuzzRecord ack = mixture.acks().get(i);
                session.pipeAck(ack.key(), ack.bytes().apply(clock.toEpochMilli()), clock);
            }
        }
        int acksSent = Math.min(mixture.acks().size(), mixture.readings().size());

        List<TestRecord<String, String>> rejected = session.rejected().readRecordsToList();
        List<JsonNode> rejections = TestJson.trees(rejected.stream().map(TestRecord::value).toList());
        long readingRejections = rejections.stream()
            .filter(r -> r.get("sourceTopic").asText().equals(TestSettings.standard().topics().readings())).count();
        long ackRejections = rejections.size() - readingRejections;
        double accepted = counter(VitalcastMetrics.READINGS, "accepted") - acceptedBefore;
        double acksAccepted = counter(VitalcastMetrics.ACKS, "accepted") - acksBefore;

        assertThat(accepted + readingRejections).as("samples used (%s) + rejected (%s) of %s", accepted, rejections, mixture.readings())
            .isEqualTo(expected);
        assertThat(acksAccepted + ackRejections).as("acknowledgements accepted + rejected").isEqualTo(acksSent);
        assertThat(rejections).noneSatisfy(r ->
            assertThat(r.get("reason").asText()).isEqualTo(RejectReason.PROCESSING_ERROR.name()));
        long latest = clock.toEpochMilli() + InputLimits.DEFAULT.maxFuture().toMillis();
        List<TestRecord<String, String>> outputs = new java.util.ArrayList<>(rejected);
        List<TestRecord<String, String>> forecasts = session.forecasts().readRecordsToList();
        List<TestRecord<String, String>> alerts = session.alerts().readRecordsToList();
        outputs.addAll(forecasts);
        outputs.addAll(alerts);
        assertThat(outputs).allSatisfy(r -> assertThat(r.timestamp()).isBetween(0L, latest));

        records += mixture.readings().size();
        samples += expected;
        used += (long) accepted;
        acks += acksSent;
        published += forecasts.size();
        alertEvents += alerts.size();
        rejections.forEach(r -> reasons.merge(r.get("reason").asText(), 1, Integer::sum));
    }

    @Provide
    Arbitrary<Mixture> mixtures() {
        Arbitrary<Integer> pauses = Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(20, Arbitraries.just(1)),
            net.jqwik.api.Tuple.of(2, Arbitraries.just(0)),
            net.jqwik.api.Tuple.of(1, Arbitraries.of(30, 600)));
        return net.jqwik.api.Combinators.combine(FuzzInputs.readings().list().ofMinSize(1).ofMaxSize(20),
            FuzzInputs.acknowledgements().list().ofMaxSize(3), pauses.list().ofSize(20)).as(Mixture::new);
    }

    private double counter(String name, String outcome) {
        return registry.find(name).tag("outcome", outcome).counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
