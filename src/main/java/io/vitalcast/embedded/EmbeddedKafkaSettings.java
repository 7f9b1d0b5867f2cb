package io.vitalcast.embedded;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.vitalcast.errors.UserException;

/**
 * Where an embedded broker keeps its data and which port it listens on. The port is {@code --kafka-port}, so one out
 * of range is a {@link UserException}.
 *
 * @param dataDirectory where the broker's logs and metadata live: formatted on first start, resumed when it already
 *                      holds a formatted broker; null for a temporary directory deleted on close
 * @param port          the client port on 127.0.0.1; 0 picks a free one
 * @param overrides     broker properties that replace the defaults (for example {@code num.partitions})
 */
public record EmbeddedKafkaSettings(Path dataDirectory, int port, Map<String, String> overrides) {

    public EmbeddedKafkaSettings {
        if (port < 0 || port > 65_535) {
            throw new UserException("port must be 0 (any free port) or 1..65535, was " + port);
        }
        overrides = overrides == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    /** A broker on {@code port} keeping its data in {@code dataDirectory}. */
    public static EmbeddedKafkaSettings of(Path dataDirectory, int port) {
        return new EmbeddedKafkaSettings(dataDirectory, port, Map.of());
    }

    /** A broker on a free port with a temporary data directory. */
    public static EmbeddedKafkaSettings temporary() {
        return new EmbeddedKafkaSettings(null, 0, Map.of());
    }
}
