package io.vitalcast.modelfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalcast.model.Architecture;
import io.vitalcast.model.CellType;
import io.vitalcast.model.OutputMode;
import io.vitalcast.model.Parameter;
import io.vitalcast.model.RecurrentNetwork;
import io.vitalcast.training.TrainingConfig;

/**
 * Reads and writes model files: one self-describing JSON document per model.
 *
 * <pre>
 * {"format": "vitalcast-model", "formatVersion": 1, "sha256": "...",
 *  "model": {"name", "architecture", "parameters": [{"name", "rows", "columns", "values"}], "training",
 *            "scaling", "metrics", "provenance", "attributes", "vectors"}}
 * </pre>
 *
 * The checksum is the SHA-256 of the compact serialization of {@code model}; doubles are written in their shortest
 * round-trip form, so weights load bit-identical. Loading checks the format name, the version, the checksum and
 * every tensor's shape against the architecture, and says which check failed. Writes are atomic (temporary file,
 * then rename).
 */
public final class ModelFile {
    /** The format this version writes and reads. */
    public static final int FORMAT_VERSION = 1;
    static final String FORMAT = "vitalcast-model";

    private static final ObjectMapper MAPPER = new ObjectMapper()
        .findAndRegisterModules()
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private ModelFile() {
    }

    /** Writes the bundle to {@code path}, replacing any file there. */
    public static void write(ModelBundle bundle, Path path) throws IOException {
        ObjectNode model = encode(bundle);
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("sha256", checksum(model));
        root.set("model", model);
        Path parent = path.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = parent.resolve(path.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            MAPPER.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), root);
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Reads and verifies a model file. */
    public static ModelBundle read(Path path) {
        return load(path).bundle();
    }

    /** Reads and verifies a model file, keeping the checksum that identifies it. */
    public static LoadedModel load(Path path) {
        JsonNode root;
        try {
            root = MAPPER.readTree(path.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new ModelFileException(path + ": no such model file");
        } catch (JsonProcessingException e) {
            throw new ModelFileException(path + ": not a Vitalcast model file (not valid JSON: "
                + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new ModelFileException(path + ": cannot read the model file: " + e.getMessage(), e);
        }
        return decode(root, path.toString());
    }

    static LoadedModel decode(JsonNode root, String source) {
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new ModelFileException(source + ": not a Vitalcast model file (format is not '" + FORMAT + "')");
        }
        int version = root.path("formatVersion").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new ModelFileException(source + ": model file format version " + version
                + " is not supported; this Vitalcast (" + io.vitalcast.Vitalcast.version()
                + ") reads version " + FORMAT_VERSION);
        }
        JsonNode model = root.get("model");
        if (model == null || !model.isObject()) {
            throw new ModelFileException(source + ": the model section is missing");
        }
        String expected = root.path("sha256").asText("");
        String actual = checksum(model);
        if (!actual.equals(expected)) {
            throw new ModelFileException(source + ": checksum mismatch (file says " + expected + ", content is "
                + actual + "): the file is corrupt or was edited");
        }
        try {
            return new LoadedModel(decodeModel(model, source), actual);
        } catch (IllegalArgumentException | NullPointerException | JsonProcessingException e) {
            throw new ModelFileException(source + ": invalid model: " + e.getMessage(), e);
        }
    }

    private static ObjectNode encode(ModelBundle bundle) {
        ObjectNode model = MAPPER.createObjectNode();
        model.put("name", bundle.name());
        Architecture a = bundle.network().architecture();
        ObjectNode architecture = model.putObject("architecture");
        architecture.put("cell", a.cell().name());
        architecture.put("inputSize", a.inputSize());
        ArrayNode hidden = architecture.putArray("hiddenSizes");
        a.hiddenSizes().forEach(hidden::add);
        architecture.put("outputSize", a.outputSize());
        architecture.put("outputMode", a.outputMode().name());
        ArrayNode parameters = model.putArray("parameters");
        for (Parameter p : bundle.network().parameters()) {
            ObjectNode node = parameters.addObject();
            node.put("name", p.name());
            node.put("rows", p.rows());
            node.put("columns", p.columns());
            ArrayNode rows = node.putArray("values");
            for (double[] row : p.values()) {
                ArrayNode values = rows.addArray();
                for (double v : row) {
                    values.add(v);
                }
            }
        }
        model.set("training", MAPPER.valueToTree(bundle.training()));
        ObjectNode scaling = model.putObject("scaling");
        scaling.set("inputMean", vector(bundle.scaling().inputMean()));
        scaling.set("inputScale", vector(bundle.scaling().inputScale()));
        scaling.set("outputMean", vector(bundle.scaling().outputMean()));
        scaling.set("outputScale", vector(bundle.scaling().outputScale()));
        ObjectNode metrics = model.putObject("metrics");
        bundle.metrics().forEach(metrics::put);
        ObjectNode provenance = model.putObject("provenance");
        provenance.put("seed", bundle.provenance().seed());
        provenance.put("dataFingerprint", bundle.provenance().dataFingerprint());
        provenance.put("dataDescription", bundle.provenance().dataDescription());
        provenance.put("libraryVersion", bundle.provenance().libraryVersion());
        provenance.put("createdAt", bundle.provenance().createdAt().toString());
        ObjectNode attributes = model.putObject("attributes");
        bundle.attributes().forEach(attributes::put);
        ObjectNode vectors = model.putObject("vectors");
        bundle.vectors().forEach((key, value) -> vectors.set(key, vector(value)));
        return model;
    }

    private static ModelBundle decodeModel(JsonNode model, String source) throws JsonProcessingException {
        JsonNode a = required(model, "architecture");
        List<Integer> hiddenSizes = new ArrayList<>();
        required(a, "hiddenSizes").forEach(n -> hiddenSizes.add(n.asInt()));
        Architecture architecture = new Architecture(CellType.valueOf(required(a, "cell").asText()),
            required(a, "inputSize").asInt(), hiddenSizes, required(a, "outputSize").asInt(),
            OutputMode.valueOf(required(a, "outputMode").asText()));
        RecurrentNetwork shape = RecurrentNetwork.create(architecture, io.vitalcast.model.Initialization.defaults(),
            0L);
        JsonNode parameters = required(model, "parameters");
        List<Parameter> expected = shape.parameters();
        if (parameters.size() != expected.size()) {
            throw new ModelFileException(source + ": the architecture needs " + expected.size()
                + " parameter tensors, the file has " + parameters.size());
        }
        List<double[][]> values = new ArrayList<>();
        for (int p = 0; p < expected.size(); p++) {
            JsonNode node = parameters.get(p);
            Parameter want = expected.get(p);
            String name = node.path("name").asText();
            JsonNode rows = required(node, "values");
            int columns = rows.size() == 0 ? 0 : rows.get(0).size();
            if (!want.name().equals(name) || rows.size() != want.rows()) {
                throw new ModelFileException(source + ": parameter " + p + " is '" + name + "' of " + rows.size()
                    + "x" + columns + "; the architecture needs '" + want.name() + "' of " + want.rows() + "x"
                    + want.columns());
            }
            double[][] tensor = new double[want.rows()][];
            for (int r = 0; r < want.rows(); r++) {
                JsonNode row = rows.get(r);
                if (row.size() != want.columns()) {
                    throw new ModelFileException(source + ": parameter '" + name + "' row " + r + " has "
                        + row.size() + " values; the architecture needs " + want.rows() + "x" + want.columns()
                        + " (first row has " + columns + ")");
                }
                tensor[r] = toArray(row);
            }
            values.add(tensor);
        }
        RecurrentNetwork network = RecurrentNetwork.of(architecture, values);
        TrainingConfig training = MAPPER.treeToValue(required(model, "training"), TrainingConfig.class);
        JsonNode s = required(model, "scaling");
        Scaling scaling = new Scaling(toArray(required(s, "inputMean")), toArray(required(s, "inputScale")),
            toArray(required(s, "outputMean")), toArray(required(s, "outputScale")));
        Map<String, Double> metrics = new LinkedHashMap<>();
        fields(model.path("metrics")).forEachRemaining(e -> metrics.put(e.getKey(), e.getValue().asDouble()));
        JsonNode p = required(model, "provenance");
        Provenance provenance = new Provenance(required(p, "seed").asLong(), required(p, "dataFingerprint").asText(),
            required(p, "dataDescription").asText(), required(p, "libraryVersion").asText(),
            Instant.parse(required(p, "createdAt").asText()));
        Map<String, String> attributes = new LinkedHashMap<>();
        fields(model.path("attributes")).forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
        Map<String, double[]> vectors = new LinkedHashMap<>();
        fields(model.path("vectors")).forEachRemaining(e -> vectors.put(e.getKey(), toArray(e.getValue())));
        return new ModelBundle(required(model, "name").asText(), network, training, scaling, metrics, provenance,
            attributes, vectors);
    }

    private static Iterator<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        return node.fields();
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return value;
    }

    private static ArrayNode vector(double[] values) {
        ArrayNode array = MAPPER.createArrayNode();
        for (double v : values) {
            array.add(v);
        }
        return array;
    }

    private static double[] toArray(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = array.get(i);
            values[i] = v.isTextual() ? Double.parseDouble(v.asText()) : v.asDouble();
        }
        return values;
    }

    static String checksum(JsonNode model) {
        try {
            byte[] canonical = MAPPER.writeValueAsBytes(model);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot compute a model checksum", e);
        }
    }
}
