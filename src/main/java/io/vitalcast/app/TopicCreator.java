package io.vitalcast.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vitalcast.errors.UserException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics Vitalcast needs that do not exist yet, so that a fresh cluster works without a setup step.
 * Existing topics are left exactly as they are (their partitions and retention are the operator's business), and a
 * topic created meanwhile by another instance counts as existing.
 */
final class TopicCreator {
    private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);

    private final Admin admin;
    private final Duration timeout;

    TopicCreator(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /**
     * Creates the missing topics among {@code names}.
     *
     * @return the topics created
     * @throws UserException when the cluster does not answer in time or refuses a topic
     */
    List<String> createMissing(List<String> names, int partitions, short replicationFactor) {
        try {
            Set<String> existing = admin.listTopics(new ListTopicsOptions().timeoutMs((int) timeout.toMillis()))
                .names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = names.stream().distinct().filter(name -> !existing.contains(name))
                .map(name -> new NewTopic(name, partitions, replicationFactor)).toList();
            if (missing.isEmpty()) {
                LOG.info("All {} topics exist", names.size());
                return List.of();
            }
            CreateTopicsResult result = admin.createTopics(missing);
            List<String> created = new ArrayList<>();
            for (Map.Entry<String, KafkaFuture<Void>> entry : result.values().entrySet()) {
                if (create(entry.getKey(), entry.getValue())) {
                    created.add(entry.getKey());
                }
            }
            LOG.info("Created topics {} with {} partitions and replication factor {}", created, partitions,
                replicationFactor);
            return List.copyOf(created);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException("stopped while creating topics");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw notAnswered();
            }
            if (e.getCause() instanceof org.apache.kafka.common.errors.AuthenticationException) {
                throw new UserException("refused authentication: " + e.getCause().getMessage());
            }
            throw new UserException("cannot list topics: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw notAnswered();
        }
    }

    /**
     * The partition count of {@code name}, an existing topic.
     *
     * @throws UserException when the cluster does not answer in time
     */
    int partitionsOf(String name) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                try {
                    return admin.describeTopics(List.of(name)).allTopicNames()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(name).partitions().size();
                } catch (ExecutionException e) {
                    // a topic just created is not known to every broker at once
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.RetriableException)
                        || System.nanoTime() > deadline) {
                        throw new UserException("cannot describe topic " + name + ": " + e.getCause().getMessage());
                    }
                    Thread.sleep(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException("stopped while describing topic " + name);
        } catch (TimeoutException e) {
            throw notAnswered();
        }
    }

    private UserException notAnswered() {
        return new UserException("did not answer within " + timeout.toSeconds() + " s ("
            + "vitalcast.kafka.connect.timeout)");
    }

    private boolean create(String name, KafkaFuture<Void> future)
        throws InterruptedException, TimeoutException {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw new UserException("cannot create topic " + name + ": " + e.getCause().getMessage());
        }
    }
}
