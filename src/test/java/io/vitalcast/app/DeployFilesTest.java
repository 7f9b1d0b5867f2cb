package io.vitalcast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vitalcast.metrics.MetricsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The deployment files run what the service accepts: the Kubernetes ConfigMap's settings and the StatefulSet's and
 * compose's command lines go through the argument parser and {@code vitalcast check} (paths inside the containers
 * mapped to where the files come from in this repository), so that a key the service refuses, a file name that does
 * not exist or a probe on a path the service does not serve fails the build instead of a deployment.
 */
class DeployFilesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path temp;

    private int execute(List<String> args) {
        CommandLine cli = VitalcastCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args.toArray(String[]::new));
    }

    /** {@code run ARGS} as {@code check ARGS}, with the container paths replaced by the repository's. */
    private int checkInsteadOfRun(List<String> runArgs, String containerPath, String repositoryPath) {
        assertThat(runArgs.get(0)).isEqualTo("run");
        List<String> args = new ArrayList<>(List.of("check"));
        runArgs.subList(1, runArgs.size()).forEach(arg -> args.add(arg.equals(containerPath) ? repositoryPath : arg));
        VitalcastCommand.commandLine().parseArgs(runArgs.toArray(String[]::new));
        return execute(args);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    @Test
    void shouldStartTheStatefulSetWithTheConfigMapsSettingsAndTheImagesModels() throws Exception {
        JsonNode configMap = YAML.readTree(Path.of("deploy/k8s/configmap.yaml").toFile());
        Path properties = temp.resolve("vitalcast.properties");
        Files.writeString(properties, configMap.at("/data/vitalcast.properties").asText());
        JsonNode container = YAML.readTree(Path.of("deploy/k8s/statefulset.yaml").toFile())
            .at("/spec/template/spec/containers/0");
        List<String> args = strings(container.get("args"));
        args.replaceAll(arg -> arg.equals("/etc/vitalcast/vitalcast.properties") ? properties.toString() : arg);

        int exit = checkInsteadOfRun(args, "/models", "samples/models");

        assertThat(exit).as(out + err.toString()).isZero();
        assertThat(out.toString()).contains("vitalcast.topics.replication.factor = 3",
            "processing.guarantee = exactly_once_v2", "vitalcast.models.required = true",
            "heart_rate: samples/models/heart_rate.json", "OK: run would start");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo(MetricsServer.HEALTH_PATH);
        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(9464);
        String stateDir = configMap.at("/data/vitalcast.properties").asText().lines()
            .filter(line -> line.startsWith("state.dir=")).findFirst().orElseThrow().substring("state.dir=".length());
        assertThat(container.get("volumeMounts")).anySatisfy(mount ->
            assertThat(mount.get("mountPath").asText()).isEqualTo(stateDir));
    }

    @Test
    void shouldRunComposesServiceWithTheShippedModelsAndItsStateOnTheVolume() throws Exception {
        JsonNode vitalcast = YAML.readTree(Path.of("deploy/docker-compose.yml").toFile()).at("/services/vitalcast");
        List<String> command = strings(vitalcast.get("command"));

        int exit = checkInsteadOfRun(command, "/models", "samples/models");

        assertThat(exit).as(out + err.toString()).isZero();
        assertThat(out.toString()).contains("ecg_heart_rate: samples/models/ecg_heart_rate.json",
            "state.dir = /var/lib/vitalcast/state", "OK: run would start");
        assertThat(strings(vitalcast.get("volumes"))).contains("../samples/models:/models:ro",
            "vitalcast-state:/var/lib/vitalcast/state");
    }

    @Test
    void shouldReplayOnlyRecordingsThatExistInComposesReplayServices() throws Exception {
        JsonNode services = YAML.readTree(Path.of("deploy/docker-compose.yml").toFile()).get("services");
        for (String name : List.of("replay-monitors", "replay-numerics")) {
            List<String> command = strings(services.at("/" + name + "/command"));

            CommandLine.ParseResult parsed = VitalcastCommand.commandLine().parseArgs(command.toArray(String[]::new));

            List<String> inputs = new ArrayList<>(parsed.subcommand().matchedOptionValue("--input",
                List.<String>of()));
            parsed.subcommand().matchedPositionals().forEach(files -> inputs.addAll(files.stringValues()));
            assertThat(inputs).as(name).hasSizeGreaterThan(1).allSatisfy(input -> {
                assertThat(input).startsWith("/samples/");
                assertThat(Path.of("samples", input.substring("/samples/".length()))).as(name).isRegularFile();
            });
        }
    }
}
