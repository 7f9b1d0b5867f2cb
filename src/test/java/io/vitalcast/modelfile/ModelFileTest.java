package io.vitalcast.modelfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalcast.model.Architecture;
import io.vitalcast.model.CellType;
import io.vitalcast.model.Initialization;
import io.vitalcast.model.OutputMode;
import io.vitalcast.model.RecurrentNetwork;
import io.vitalcast.training.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Input and expected output of the golden file of format version 1 (recorded when the file was written). */
    /**
     * The golden outputs were written with sigmoid and tanh through Math.exp; the vectorised exponential that
     * replaced it (io.vitalcast.model.Exponential) differs from Math.exp by a few units in the last place, which moved
     * these outputs by 3e-14 relative. A misread weight, a swapped gate block or a wrong layer order moves them by
     * far more than 1e-12.
     */
    private static final double GOLDEN_RELATIVE_TOLERANCE = 1e-12;
    static final double[][] GOLDEN_INPUT = {{0.1, -0.2}, {0.3, 0.05}, {-0.4, 0.2}, {0.0, 1.0}};

    @TempDir
    Path directory;

    static ModelBundle sampleBundle() {
        Architecture architecture = new Architecture(CellType.LSTM, 2, List.of(3, 2), 2, OutputMode.LAST_STEP);
        RecurrentNetwork network = RecurrentNetwork.create(architecture, Initialization.defaults(), 5L);
        return new ModelBundle("golden-lstm", network, TrainingConfig.defaults().withEpochs(3),
            new Scaling(new double[] {70, 0}, new double[] {10, 1}, new double[] {70, 70}, new double[] {10, 10}),
            Map.of("validation_loss", 0.125, "train_loss", Double.NaN),
            new Provenance(5L, "abc123", "unit test", "0.1.0", Instant.parse("2026-11-25T18:00:00Z")),
            Map.of("signal", "heart_rate", "step", "PT1S"), Map.of("interval_half_width", new double[] {1.5, 2.5}));
    }

    @Test
    void shouldRoundTripEveryPartBitForBit() throws IOException {
        ModelBundle bundle = sampleBundle();
        Path file = directory.resolve("model.json");
        ModelFile.write(bundle, file);

        ModelBundle loaded = ModelFile.read(file);

        assertThat(loaded.name()).isEqualTo("golden-lstm");
        assertThat(loaded.network().architecture()).isEqualTo(bundle.network().architecture());
        for (int p = 0; p < bundle.network().parameters().size(); p++) {
            assertThat(loaded.network().parameterValues().get(p))
                .isDeepEqualTo(bundle.network().parameterValues().get(p));
        }
        assertThat(loaded.network().predict(GOLDEN_INPUT)).containsExactly(bundle.network().predict(GOLDEN_INPUT));
        assertThat(loaded.training()).isEqualTo(bundle.training());
        assertThat(loaded.scaling()).isEqualTo(bundle.scaling());
        assertThat(loaded.metrics()).containsEntry("validation_loss", 0.125);
        assertThat(loaded.metrics().get("train_loss")).isNaN();
        assertThat(loaded.provenance()).isEqualTo(bundle.provenance());
        assertThat(loaded.attributes()).isEqualTo(bundle.attributes());
        assertThat(loaded.vectors().get("interval_half_width")).containsExactly(1.5, 2.5);
    }

    @Test
    void shouldKeepTheChecksumTheFileWasVerifiedAgainst() throws IOException {
        Path written = directory.resolve("model.json");
        ModelFile.write(sampleBundle(), written);

        for (Path file : List.of(written, Path.of("samples", "models", "heart_rate.json"))) {
            assertThat(ModelFile.load(file).checksum()).as(file.toString())
                .isEqualTo(MAPPER.readTree(file.toFile()).get("sha256").asText());
        }
    }

    @Test
    void shouldWriteMetricsAndAttributesInKeyOrderWhateverOrderTheyCameIn() throws IOException {
        ModelBundle sample = sampleBundle();
        Map<String, Double> metrics = new LinkedHashMap<>();
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String key : List.of("zeta", "eta", "alpha", "kappa", "beta", "omega", "delta", "mu")) {
            metrics.put(key + "_loss", (double) key.length());
            attributes.put(key, key.toUpperCase(Locale.ROOT));
        }
        ModelBundle bundle = new ModelBundle(sample.name(), sample.network(), sample.training(), sample.scaling(),
            metrics, sample.provenance(), attributes, sample.vectors());
        Path first = directory.resolve("first.json");
        Path second = directory.resolve("second.json");
        ModelFile.write(bundle, first);
        ModelFile.write(ModelFile.read(first), second);

        JsonNode model = MAPPER.readTree(first.toFile()).get("model");
        assertThat(fieldNames(model.get("metrics").fieldNames())).isSorted();
        assertThat(fieldNames(model.get("attributes").fieldNames())).isSorted();
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    }

    private static List<String> fieldNames(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    @Test
    void shouldRejectAFileWhoseWeightsWereEdited() throws IOException {
        Path file = directory.resolve("model.json");
        ModelFile.write(sampleBundle(), file);
        ObjectNode root = (ObjectNode) MAPPER.readTree(file.toFile());
        ArrayNode firstRow = (ArrayNode) root.get("model").get("parameters").get(0).get("values").get(0);
        firstRow.set(0, firstRow.get(0).asDouble() + 1e-9);
        MAPPER.writeValue(file.toFile(), root);

        assertThatThrownBy(() -> ModelFile.read(file))
            .isInstanceOf(ModelFileException.class)
            .hasMessageContaining("checksum mismatch");
    }

    @Test
    void shouldRejectAnUnknownFormatVersionNamingBothVersions() throws IOException {
        Path file = directory.resolve("model.json");
        ModelFile.write(sampleBundle(), file);
        ObjectNode root = (ObjectNode) MAPPER.readTree(file.toFile());
        root.put("formatVersion", 2);
        MAPPER.writeValue(file.toFile(), root);

        assertThatThrownBy(() -> ModelFile.read(file))
            .isInstanceOf(ModelFileException.class)
            .hasMessageContaining("version 2 is not supported")
            .hasMessageContaining("reads version 1");
    }

    @Test
    void shouldRejectTensorsWhoseShapeDoesNotFitTheArchitecture() throws IOException {
        Path file = directory.resolve("model.json");
        ModelFile.write(sampleBundle(), file);
        ObjectNode root = (ObjectNode) MAPPER.readTree(file.toFile());
        ObjectNode model = (ObjectNode) root.get("model");
        ((ObjectNode) model.get("architecture")).put("inputSize", 3);
        root.put("sha256", ModelFile.checksum(model));
        MAPPER.writeValue(file.toFile(), root);

        assertThatThrownBy(() -> ModelFile.read(file))
            .isInstanceOf(ModelFileException.class)
            .hasMessageContaining("layer0.weights")
            .hasMessageContaining("5x12");
    }

    @Test
    void shouldRejectTruncatedAndMissingFiles() throws IOException {
        Path file = directory.resolve("model.json");
        ModelFile.write(sampleBundle(), file);
        String text = Files.readString(file);
        Files.writeString(file, text.substring(0, text.length() / 2));

        assertThatThrownBy(() -> ModelFile.read(file))
            .isInstanceOf(ModelFileException.class)
            .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> ModelFile.read(directory.resolve("absent.json")))
            .isInstanceOf(ModelFileException.class)
            .hasMessageContaining("no such model file");
    }

    @Test
    void shouldRejectAJsonFileThatIsNotAModel() throws IOException {
        Path file = directory.resolve("other.json");
        Files.writeString(file, "{\"hello\": 1}");

        assertThatThrownBy(() -> ModelFile.read(file))
            .isInstanceOf(ModelFileException.class)
            .hasMessageContaining("not a Vitalcast model file");
    }

    @Test
    void shouldStillLoadTheGoldenFileOfFormatVersion1() throws Exception {
        Path golden = Path.of(getClass().getResource("/io/vitalcast/modelfile/golden-v1.json").toURI());

        ModelBundle loaded = ModelFile.read(golden);

        assertThat(loaded.name()).isEqualTo("golden-lstm");
        assertThat(loaded.network().architecture().hiddenSizes()).containsExactly(3, 2);
        double[] expected = MAPPER.readTree(golden.resolveSibling("golden-v1.expected.json").toFile())
            .findValues("output").stream().flatMap(n -> java.util.stream.StreamSupport.stream(n.spliterator(), false))
            .mapToDouble(n -> n.asDouble()).toArray();
        double[] actual = loaded.network().predict(GOLDEN_INPUT);
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).isCloseTo(expected[i], offset(GOLDEN_RELATIVE_TOLERANCE * Math.abs(expected[i])));
        }
    }

    /** Writes the golden files; run once per new format version, then check the files in. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        ModelBundle bundle = sampleBundle();
        ModelFile.write(bundle, dir.resolve("golden-v1.json"));
        ObjectNode expected = MAPPER.createObjectNode();
        ArrayNode output = expected.putArray("output");
        for (double v : bundle.network().predict(GOLDEN_INPUT)) {
            output.add(v);
        }
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("golden-v1.expected.json").toFile(), expected);
    }
}
