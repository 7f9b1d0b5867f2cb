package io.vitalcast.streaming;

import io.vitalcast.alerting.AlertEvent;
import io.vitalcast.series.ForecastRecord;

/**
 * One output of the forecasting processor: a forecast, an alert event or a rejection (exactly one non-null), routed
 * to its topic by the topology.
 *
 * @param forecast a forecast, or null
 * @param alert    an alert event, or null
 * @param rejected a rejection, or null
 */
public record TopologyOutput(ForecastRecord forecast, AlertEvent alert, RejectedReading rejected) {
}
