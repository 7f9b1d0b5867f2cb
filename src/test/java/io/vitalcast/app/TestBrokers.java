package io.vitalcast.app;

import java.util.Map;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** The single-node KRaft broker the broker tests start in their JVM. */
final class TestBrokers {
    private TestBrokers() {
    }

    /**
     * A formatted, started, ready single-node cluster. One broker: the internal topics of groups and transactions
     * must have one replica, or exactly-once Kafka Streams waits forever for a transaction coordinator.
     */
    static KafkaClusterTestKit startSingleNode() throws Exception {
        return startSingleNode(Map.of());
    }

    /** {@link #startSingleNode()} with these broker settings added. */
    static KafkaClusterTestKit startSingleNode(Map<String, String> brokerSettings) throws Exception {
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("offsets.topic.num.partitions", "1")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("transaction.state.log.num.partitions", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0");
        brokerSettings.forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = builder.build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return cluster;
    }
}
