package io.vitalcast.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.vitalcast.data.Reading;
import io.vitalcast.data.SignalCatalog;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.series.SourceRecord;
import io.vitalcast.streaming.ParseResult;
import io.vitalcast.streaming.ReadingParser;
import io.vitalcast.streaming.RejectReason;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class ReplayerTest {
    private static final Instant T0 = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant WALL = Instant.parse("2026-03-01T12:00:00.123456Z");

    private final MockProducer<String, byte[]> producer =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final FakeClock clock = new FakeClock(WALL);
    private final List<Long> sendTimes = new ArrayList<>();
    private final ReplayListener recordTimes = progress -> sendTimes.add(clock.nanoTime());

    private static Reading hr(String patient, long seconds, double value) {
        return new Reading(T0.plusSeconds(seconds), patient, "heart_rate", value, "bpm");
    }

    private ReplaySummary replay(ReplaySettings settings, List<Reading> readings, ReplayListener listener)
        throws InterruptedException {
        return new Replayer(producer, settings, clock, listener).replay(readings);
    }

    private static ReadingParser parser() {
        SignalCatalog catalog = SignalCatalog.defaults();
        Map<String, SignalSpec> specs = new java.util.HashMap<>();
        catalog.names().forEach(name -> specs.put(name, catalog.spec(name)));
        return new ReadingParser(specs);
    }

    private static List<ParseResult> parse(ProducerRecord<String, byte[]> record) {
        return parser().parse(record.key(), new SourceRecord(record.topic(), 0, 0, 0,
            record.key().getBytes(StandardCharsets.UTF_8), record.value()));
    }

    @Test
    void shouldSendEveryReadingKeyedByPatientInTheFormatTheServiceParses() throws Exception {
        List<Reading> readings = List.of(hr("p1", 0, 72.5), hr("p2", 0, 80), hr("p1", 1, 73));

        ReplaySummary summary = replay(new ReplaySettings("vitals.readings", 0, 1, ReplayStart.RECORDED), readings,
            ReplayListener.none());

        assertThat(summary.sent()).isEqualTo(3);
        assertThat(summary.stopped()).isFalse();
        assertThat(producer.history()).extracting(ProducerRecord::topic).containsOnly("vitals.readings");
        assertThat(producer.history()).extracting(ProducerRecord::key).containsExactly("p1", "p2", "p1");
        assertThat(producer.history()).extracting(ProducerRecord::timestamp).containsOnlyNulls();
        for (int i = 0; i < readings.size(); i++) {
            List<ParseResult> parsed = parse(producer.history().get(i));
            assertThat(parsed).hasSize(1);
            assertThat(parsed.get(0).isRejected()).as(new String(producer.history().get(i).value(),
                StandardCharsets.UTF_8)).isFalse();
            assertThat(parsed.get(0).reading().patientId()).isEqualTo(readings.get(i).patientId());
            assertThat(parsed.get(0).reading().timestampMs()).isEqualTo(readings.get(i).timestamp().toEpochMilli());
            assertThat(parsed.get(0).reading().value()).isEqualTo(readings.get(i).value());
        }
        assertThat(producer.flushed()).isTrue();
    }

    @Test
    void shouldSendRecordedInvalidValuesForTheServiceToReject() throws Exception {
        replay(new ReplaySettings("t", 0, 1, ReplayStart.RECORDED), List.of(hr("p1", 0, Double.NaN), hr("p1", 1, 0)),
            ReplayListener.none());

        assertThat(parse(producer.history().get(0)).get(0).rejected().reason()).isEqualTo(RejectReason.NOT_FINITE);
        assertThat(parse(producer.history().get(1)).get(0).rejected().reason()).isEqualTo(RejectReason.SENSOR_OFF);
    }

    @Test
    void shouldPaceByEventTimeAtRealTimeWithShortSleeps() throws Exception {
        replay(ReplaySettings.of("t", 1), List.of(hr("p1", 0, 70), hr("p2", 0, 71), hr("p1", 1, 72),
            hr("p1", 3, 73)), recordTimes);

        long start = sendTimes.get(0);
        assertThat(sendTimes).extracting(t -> t - start)
            .containsExactly(0L, 0L, 1_000_000_000L, 3_000_000_000L);
        assertThat(clock.sleeps).allMatch(s -> s > 0 && s <= Replayer.MAX_SLEEP_MILLIS * 1_000_000L);
    }

    @Test
    void shouldCompressTimeByTheSpeedFactor() throws Exception {
        replay(ReplaySettings.of("t", 60), List.of(hr("p1", 0, 70), hr("p1", 60, 72), hr("p1", 120, 73)),
            recordTimes);

        long start = sendTimes.get(0);
        assertThat(sendTimes).extracting(t -> t - start).containsExactly(0L, 1_000_000_000L, 2_000_000_000L);
    }

    @Test
    void shouldCatchUpAfterASlowSendInsteadOfDrifting() throws Exception {
        ReplayListener slow = progress -> {
            sendTimes.add(clock.nanoTime());
            clock.advance(700_000_000L);
        };

        replay(ReplaySettings.of("t", 1), List.of(hr("p1", 0, 70), hr("p1", 1, 72), hr("p1", 2, 73)), slow);

        long start = sendTimes.get(0);
        assertThat(sendTimes).extracting(t -> t - start).containsExactly(0L, 1_000_000_000L, 2_000_000_000L);
    }

    @Test
    void shouldNeverSleepAtSpeedZero() throws Exception {
        replay(ReplaySettings.of("t", 0), List.of(hr("p1", 0, 70), hr("p1", 3600, 72)), ReplayListener.none());

        assertThat(clock.sleeps).isEmpty();
        assertThat(producer.history()).hasSize(2);
    }

    @Test
    void shouldStampTheFirstReadingWithTheStartTimeAndKeepTheSpacing() throws Exception {
        replay(ReplaySettings.of("t", 0), List.of(hr("p1", 0, 70), hr("p1", 90, 72)), ReplayListener.none());

        Instant expectedStart = Instant.parse("2026-03-01T12:00:01.123Z");
        assertThat(parse(producer.history().get(0)).get(0).reading().timestampMs())
            .isEqualTo(expectedStart.toEpochMilli());
        assertThat(parse(producer.history().get(1)).get(0).reading().timestampMs())
            .isEqualTo(expectedStart.plusSeconds(90).toEpochMilli());
    }

    @Test
    void shouldMoveTimeForwardOnEveryPassWhenLooping() throws Exception {
        ReplaySummary summary = replay(new ReplaySettings("t", 0, 3, ReplayStart.RECORDED),
            List.of(hr("p1", 0, 70), hr("p1", 90, 72)), ReplayListener.none());

        assertThat(summary.passes()).isEqualTo(3);
        assertThat(producer.history()).extracting(r -> parse(r).get(0).reading().timestampMs())
            .containsExactly(T0.toEpochMilli(), T0.plusSeconds(90).toEpochMilli(),
                T0.plusSeconds(120).toEpochMilli(), T0.plusSeconds(210).toEpochMilli(),
                T0.plusSeconds(240).toEpochMilli(), T0.plusSeconds(330).toEpochMilli());
    }

    @Test
    void shouldShiftPassesByTheSpanRoundedUpToWholeMinutes() {
        assertThat(Replayer.passShift(Duration.ZERO)).isEqualTo(Duration.ofMinutes(1));
        assertThat(Replayer.passShift(Duration.ofSeconds(59))).isEqualTo(Duration.ofMinutes(1));
        assertThat(Replayer.passShift(Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(2));
        assertThat(Replayer.passShift(Duration.ofMinutes(30).minusSeconds(1))).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void shouldStopWhenAskedAndFlushWhatWasSent() throws Exception {
        Replayer[] replayer = new Replayer[1];
        replayer[0] = new Replayer(producer, new ReplaySettings("t", 1, ReplaySettings.FOREVER, ReplayStart.NOW),
            clock, progress -> {
                if (progress.sent() == 5) {
                    replayer[0].stop();
                }
            });

        ReplaySummary summary = replayer[0].replay(List.of(hr("p1", 0, 70), hr("p1", 1, 72)));

        assertThat(summary.stopped()).isTrue();
        assertThat(summary.sent()).isEqualTo(5);
        assertThat(summary.passes()).isEqualTo(3);
        assertThat(producer.flushed()).isTrue();
    }

    @Test
    void shouldFailLoudlyWhenKafkaRefusesAReading() {
        MockProducer<String, byte[]> manual = new MockProducer<>(false, null, new StringSerializer(),
            new ByteArraySerializer());
        Replayer replayer = new Replayer(manual, ReplaySettings.of("t", 0), clock,
            progress -> manual.errorNext(new IllegalStateException("topic is gone")));

        assertThatThrownBy(() -> replayer.replay(List.of(hr("p1", 0, 70), hr("p1", 1, 72))))
            .isInstanceOf(ReplayException.class)
            .hasMessageContaining("topic is gone");
    }

    @Test
    void shouldRefuseAnEmptyRecording() {
        assertThatThrownBy(() -> replay(ReplaySettings.of("t", 1), List.of(), ReplayListener.none()))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
