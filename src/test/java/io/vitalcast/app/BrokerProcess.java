package io.vitalcast.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.vitalcast.embedded.EmbeddedKafka;
import io.vitalcast.embedded.EmbeddedKafkaSettings;

/**
 * A Kafka broker in a process of its own, so that a test can kill it with SIGKILL (a power cut, the OOM killer) and
 * start it again on the same data directory and port: {@link EmbeddedKafka}, which formats the directory on first
 * start and resumes it afterwards. Arguments: the data directory, the port, then broker settings as
 * {@code key=value}. Prints {@value #READY} and the bootstrap servers once the broker serves requests, and blocks.
 */
public final class BrokerProcess {
    static final String READY = "BROKER READY";

    private BrokerProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            overrides.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        EmbeddedKafka kafka = EmbeddedKafka.start(new EmbeddedKafkaSettings(Path.of(args[0]),
            Integer.parseInt(args[1]), overrides));
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "broker-shutdown"));
        System.out.println(READY + " " + kafka.bootstrapServers() + (kafka.resumed() ? " resumed" : " formatted"));
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
