package io.vitalcast.streaming;

import io.vitalcast.alerting.AlertEvent;
import io.vitalcast.series.ForecastRecord;

/**
 * One output of the forecasting and acknowledgement processors, routed to its topic by the topology: a forecast, an
 * alert event or a rejection.
 */
sealed interface TopologyOutput permits TopologyOutput.Forecast, TopologyOutput.Alert, TopologyOutput.Rejection {

    /** @param record a forecast for the forecasts topic */
    record Forecast(ForecastRecord record) implements TopologyOutput {
    }

    /** @param event an alert event for the alerts topic */
    record Alert(AlertEvent event) implements TopologyOutput {
    }

    /** @param rejected a rejection for the rejected topic */
    record Rejection(RejectedReading rejected) implements TopologyOutput {
    }
}
