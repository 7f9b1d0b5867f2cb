#!/usr/bin/env python3
"""Writes grafana/dashboards/*.json and the panel table of grafana/README.md from one list of panels.

Run from the repository root after changing a panel: python3 grafana/build_dashboards.py
The dashboards are plain Grafana JSON; this script only keeps them and their documentation in step.
"""
import json
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent
DS = {"type": "prometheus", "uid": "prometheus"}
RATE = "$__rate_interval"
SEL = 'instance=~"$instance"'


def panel(title, targets, unit="short", kind="timeseries", description="", width=12, height=8, extra=None):
    return {"title": title, "targets": targets, "unit": unit, "kind": kind, "description": description,
            "width": width, "height": height, "extra": extra or {}}


def t(expr, legend=""):
    return {"expr": expr, "legend": legend}


OVERVIEW = [
    panel("Readings per second by signal and outcome",
          [t(f'sum by (signal, outcome) (rate(vitalcast_readings_total{{{SEL}}}[{RATE}]))', "{{signal}} {{outcome}}")],
          "reqps", description="Every input reading, accepted or rejected, by signal."),
    panel("Rejected records per second by reason",
          [t(f'sum by (reason) (rate(vitalcast_rejected_total{{{SEL}}}[{RATE}]))', "{{reason}}")],
          "reqps", description="Records sent to vitals.rejected: malformed, unknown signal, sensor off, late, ..."),
    panel("Processing errors per second by stage and outcome",
          [t(f'sum by (stage, outcome) (rate(vitalcast_processing_errors_total{{{SEL}}}[{RATE}]))',
             "{{stage}} {{outcome}}")],
          "reqps", description="Records whose processing or output threw an exception the service did not expect "
                               "(a bug): rejected (set aside as PROCESSING_ERROR, the stream goes on), failed (the "
                               "stream thread stopped) or dropped. Anything above 0 is worth a report."),
    panel("Forecast latency (event time to forecast)",
          [t(f'histogram_quantile({q}, sum by (le) (rate(vitalcast_forecast_latency_seconds_bucket{{{SEL}}}[{RATE}])))',
             f"p{int(q * 100)}") for q in (0.5, 0.95, 0.99)],
          "s", description="From a step's event time to its forecast being produced. At replay speeds above 1 "
                           "event time runs ahead of the clock and this reads 0."),
    panel("Forecasts per second by signal",
          [t(f'sum by (signal) (rate(vitalcast_forecasts_total{{{SEL}}}[{RATE}]))', "{{signal}}")], "reqps"),
    panel("Kafka Streams: records processed per second",
          [t(f'sum by (thread_id) (kafka_stream_thread_process_rate{{{SEL}}})', "{{thread_id}}")], "reqps",
          description="Calls to process per second, per stream thread (Kafka's own rate)."),
    panel("Kafka Streams: commit latency",
          [t(f'max by (thread_id) (kafka_stream_thread_commit_latency_avg{{{SEL}}})', "avg {{thread_id}}"),
           t(f'max by (thread_id) (kafka_stream_thread_commit_latency_max{{{SEL}}})', "max {{thread_id}}")], "ms"),
    panel("Kafka Streams: consumer lag (records)",
          [t(f'max by (client_id) (kafka_consumer_fetch_manager_records_lag_max{{{SEL}, client_id=~".*StreamThread-[0-9]+-consumer"}})',
             "{{client_id}}")], "short",
          description="Largest lag of any input partition: readings waiting to be processed."),
    panel("Kafka Streams: state restored per second",
          [t(f'sum by (client_id) (rate(kafka_consumer_fetch_manager_records_consumed_total{{{SEL}, client_id=~".*restore-consumer"}}[{RATE}]))',
             "{{client_id}}")], "reqps",
          description="Changelog records read by the restore consumer: non-zero after a restart or a rebalance "
                      "while state stores are rebuilt."),
    panel("Kafka Streams: client state and alive threads",
          [t(f'max(kafka_stream_client_state{{{SEL}}})', "state"),
           t(f'sum(kafka_stream_alive_stream_threads{{{SEL}}})', "alive threads")], "none", kind="stat",
          extra={"mappings": [{"type": "value", "options": {
              "0": {"text": "CREATED"}, "1": {"text": "REBALANCING"}, "2": {"text": "RUNNING"},
              "3": {"text": "PENDING_SHUTDOWN"}, "4": {"text": "NOT_RUNNING"}, "5": {"text": "PENDING_ERROR"},
              "6": {"text": "ERROR"}}}]}),
    panel("JVM heap",
          [t(f'sum(jvm_memory_used_bytes{{{SEL}, area="heap"}})', "used"),
           t(f'sum(jvm_memory_committed_bytes{{{SEL}, area="heap"}})', "committed")], "bytes"),
    panel("JVM GC pause time per second",
          [t(f'sum by (gc) (rate(jvm_gc_pause_seconds_sum{{{SEL}}}[{RATE}]))', "{{gc}}")], "s"),
    panel("Process CPU and JVM threads",
          [t(f'max(process_cpu_usage{{{SEL}}})', "process CPU"),
           t(f'sum(jvm_threads_live_threads{{{SEL}}})', "live threads")], "short"),
]

QUALITY = [
    panel("Mean absolute error by signal and horizon step",
          [t(f'sum by (signal, horizon) (rate(vitalcast_forecast_error_sum{{{SEL}}}[5m])) / sum by (signal, horizon) (rate(vitalcast_forecast_error_count{{{SEL}}}[5m]))',
             "{{signal}} h={{horizon}}")], "short",
          description="|actual - forecast| of the forecast made h steps before, in the signal's unit, over 5 minutes."),
    panel("Interval coverage by signal and horizon step",
          [t(f'sum by (signal, horizon) (rate(vitalcast_forecast_interval_total{{{SEL}, outcome="inside"}}[5m])) / sum by (signal, horizon) (rate(vitalcast_forecast_interval_total{{{SEL}}}[5m]))',
             "{{signal}} h={{horizon}}")], "percentunit",
          description="Share of forecast steps whose actual value fell inside the prediction interval (90% aimed)."),
    panel("Online adaptation: error of the forecast published over the model's own",
          [t(f'(sum by (signal, horizon) (rate(vitalcast_forecast_error_sum{{{SEL}}}[15m])) / sum by (signal, horizon) (rate(vitalcast_forecast_error_count{{{SEL}}}[15m]))) / (sum by (signal, horizon) (rate(vitalcast_forecast_population_error_sum{{{SEL}}}[15m])) / sum by (signal, horizon) (rate(vitalcast_forecast_population_error_count{{{SEL}}}[15m])))',
             "{{signal}} h={{horizon}}")], "percentunit",
          description="Mean absolute error of the published forecasts (after each series' online adaptation) over "
                      "that of the population model's own forecasts, over 15 minutes: below 100% the adaptation "
                      "helps."),
    panel("Share of one-step forecasts the online adaptation changed",
          [t(f'sum by (signal) (rate(vitalcast_forecast_adapted_total{{{SEL}, adapted="true"}}[15m])) / sum by (signal) (rate(vitalcast_forecast_adapted_total{{{SEL}}}[15m]))',
             "{{signal}}")], "percentunit",
          description="Scored one-step forecasts of series whose correction was in use (it is only where it "
                      "has beaten the model's own forecast on that series)."),
    panel("Alerts opened per series-hour by signal and kind",
          [t(f'3600 * sum by (signal, kind) (rate(vitalcast_alerts_total{{{SEL}, state="OPEN"}}[1h])) / on (signal) group_left sum by (signal) (rate(vitalcast_monitored_seconds_total{{{SEL}}}[1h]))',
             "{{signal}} {{kind}}")], "short",
          description="Alerts opened in the last hour per hour of monitoring of one series (a patient's signal): "
                      "what a nurse at one bed would see. Monitoring counts the time between a series' steps, "
                      "not a silence of more than 10 minutes."),
    panel("Models in use",
          [t(f'max by (signal, model, version, kind) (vitalcast_model_info{{{SEL}}})',
             "{{signal}}: {{model}} {{version}} ({{kind}})")], "short", kind="table",
          description="One row per signal: the model file loaded (kind lstm) or the baseline."),
    panel("Training loss of the last run",
          [t(f'max by (signal, phase) (vitalcast_training_loss{{{SEL}}})', "{{signal}} {{phase}}")], "short",
          description="Scaled MSE from a running or finished training (vitalcast train --metrics-port, or the "
                      "demo's background run): last batch, and train/validation per epoch."),
    panel("Training gradient norm and clipping rate",
          [t(f'max by (signal) (vitalcast_training_gradient_norm{{{SEL}}})', "gradient norm {{signal}}"),
           t(f'sum by (signal) (vitalcast_training_clipped_total{{{SEL}}}) / sum by (signal) (vitalcast_training_steps_total{{{SEL}}})',
             "clipping rate {{signal}}")], "short",
          description="Global L2 norm of the gradients before clipping (last update), and the share of updates "
                      "that were clipped."),
    panel("Largest forecast error by signal (any horizon step)",
          [t(f'max by (signal) (vitalcast_forecast_error_max{{{SEL}}})', "{{signal}}")], "short",
          description="Micrometer's decaying maximum over its last minutes."),
    panel("Forecasts per second by signal and model",
          [t(f'sum by (signal, model) (rate(vitalcast_forecasts_total{{{SEL}}}[{RATE}]))', "{{signal}} {{model}}")],
          "reqps", description="Which model kind forecast each signal (an LSTM when a model file is loaded, else "
                               "the baseline)."),
    panel("Model inference time p50 / p99",
          [t(f'histogram_quantile(0.5, sum by (le, signal) (rate(vitalcast_model_inference_seconds_bucket{{{SEL}}}[{RATE}])))',
             "p50 {{signal}}"),
           t(f'histogram_quantile(0.99, sum by (le, signal) (rate(vitalcast_model_inference_seconds_bucket{{{SEL}}}[{RATE}])))',
             "p99 {{signal}}")], "s"),
    panel("Mean model inference time",
          [t(f'sum by (signal) (rate(vitalcast_model_inference_seconds_sum{{{SEL}}}[{RATE}])) / sum by (signal) (rate(vitalcast_model_inference_seconds_count{{{SEL}}}[{RATE}]))',
             "{{signal}}")], "s"),
    panel("Forecasts per accepted reading",
          [t(f'sum by (signal) (rate(vitalcast_forecasts_total{{{SEL}}}[5m])) / sum by (signal) (rate(vitalcast_readings_total{{{SEL}, outcome="accepted"}}[5m]))',
             "{{signal}}")], "percentunit",
          description="Below 1 for signals aggregated into steps (several readings per step) and while series "
                      "warm up after a gap."),
]

ALERTS = [
    panel("Alert events per minute by kind, severity and state",
          [t(f'60 * sum by (kind, severity, state) (rate(vitalcast_alerts_total{{{SEL}}}[{RATE}]))',
             "{{kind}} {{severity}} {{state}}")], "short"),
    panel("Open alerts by kind",
          [t(f'sum by (kind) (vitalcast_alerts_open{{{SEL}}})', "{{kind}}")], "short"),
    panel("Open alerts now",
          [t(f'sum(vitalcast_alerts_open{{{SEL}}})', "open")], "short", kind="stat", width=6),
    panel("Alerts opened in the last hour by severity",
          [t(f'sum by (severity) (increase(vitalcast_alerts_total{{{SEL}, state="OPEN"}}[1h]))', "{{severity}}")],
          "short", kind="stat", width=18),
    panel("Signal-quality problems per minute by signal and problem",
          [t(f'60 * sum by (signal, problem) (rate(vitalcast_quality_problems_total{{{SEL}}}[{RATE}]))',
             "{{signal}} {{problem}}")], "short",
          description="Steps judged bad (dropout, flat line, impossible jump, saturation): each raises or extends a "
                      "SENSOR alert and freezes the signal's clinical alerts."),
    panel("Alerts held back by the policy per minute",
          [t(f'60 * sum by (kind, reason) (rate(vitalcast_alerts_suppressed_total{{{SEL}}}[{RATE}]))',
             "{{kind}} {{reason}}")], "short",
          description="Re-alert interval, snooze, acknowledgement or the hourly cap per patient; counted once per "
                      "held-back episode, never silently dropped."),
    panel("Acknowledgements per minute",
          [t(f'60 * sum by (action, outcome) (rate(vitalcast_alert_acks_total{{{SEL}}}[{RATE}]))',
             "{{action}} {{outcome}}")], "short"),
]

WATCH_SEL = 'instance=~"$instance", patient="$patient", signal=~"$signal"'
WATCHED = [
    panel("$patient",
          [t(f'vitalcast_watched_value{{{WATCH_SEL}}}', "{{signal}} value"),
           t(f'vitalcast_watched_forecast{{{WATCH_SEL}}}', "{{signal}} forecast"),
           t(f'vitalcast_watched_forecast_lower{{{WATCH_SEL}}}', "{{signal}} lower"),
           t(f'vitalcast_watched_forecast_upper{{{WATCH_SEL}}}', "{{signal}} upper")], "short",
          description="Last value, next-step forecast and its interval for one watched patient.", width=24,
          height=9, extra={"repeat": "patient"}),
]


def variable(name, query, multi, include_all, all_value=None):
    v = {"name": name, "label": name, "type": "query", "datasource": DS, "refresh": 2, "sort": 1,
         "query": {"query": query, "refId": name}, "definition": query, "multi": multi, "includeAll": include_all,
         "current": {}, "options": []}
    if all_value is not None:
        v["allValue"] = all_value
    return v


def grafana_panel(p, pid, x, y):
    fc = {"defaults": {"unit": p["unit"]}, "overrides": []}
    if p["kind"] == "timeseries":
        fc["defaults"]["custom"] = {"lineWidth": 1, "fillOpacity": 10, "showPoints": "never"}
    if "mappings" in p["extra"]:
        fc["defaults"]["mappings"] = p["extra"]["mappings"]
    if p["title"] == "$patient":
        fc["overrides"] = [
            {"matcher": {"id": "byRegexp", "options": ".* lower"},
             "properties": [{"id": "custom.lineStyle", "value": {"fill": "dash", "dash": [4, 4]}}]},
            {"matcher": {"id": "byRegexp", "options": ".* upper"},
             "properties": [{"id": "custom.lineStyle", "value": {"fill": "dash", "dash": [4, 4]}}]},
            {"matcher": {"id": "byRegexp", "options": ".* forecast"},
             "properties": [{"id": "custom.lineStyle", "value": {"fill": "dash", "dash": [10, 4]}}]},
        ]
    g = {"id": pid, "type": p["kind"], "title": p["title"], "description": p["description"], "datasource": DS,
         "gridPos": {"h": p["height"], "w": p["width"], "x": x, "y": y}, "fieldConfig": fc,
         "targets": [{"datasource": DS, "expr": q["expr"], "legendFormat": q["legend"], "refId": chr(65 + i),
                      "range": True} for i, q in enumerate(p["targets"])],
         "options": {"legend": {"displayMode": "list", "placement": "bottom", "showLegend": True},
                     "tooltip": {"mode": "multi", "sort": "none"}} if p["kind"] == "timeseries" else
         {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False}, "colorMode": "value",
          "graphMode": "area", "textMode": "value_and_name"}}
    if "repeat" in p["extra"]:
        g["repeat"] = p["extra"]["repeat"]
        g["repeatDirection"] = "v"
    return g


def dashboard(uid, title, description, panels, variables):
    out, x, y, row_h, pid = [], 0, 0, 0, 1
    for p in panels:
        if x + p["width"] > 24:
            x, y, row_h = 0, y + row_h, 0
        out.append(grafana_panel(p, pid, x, y))
        pid += 1
        x += p["width"]
        row_h = max(row_h, p["height"])
    return {"uid": uid, "title": title, "description": description, "tags": ["vitalcast"], "editable": True,
            "schemaVersion": 39, "version": 1, "refresh": "10s", "time": {"from": "now-30m", "to": "now"},
            "timezone": "browser", "graphTooltip": 1, "panels": out,
            "templating": {"list": variables}, "annotations": {"list": []}, "links": [
                {"title": "Vitalcast", "type": "dashboards", "tags": ["vitalcast"], "asDropdown": True}]}


INSTANCE = variable("instance", "label_values(vitalcast_readings_total, instance)", True, True, ".*")
DASHBOARDS = [
    ("vitalcast-overview", "Vitalcast: service overview",
     "Throughput, rejections, forecast latency, Kafka Streams and JVM health.", OVERVIEW, [INSTANCE]),
    ("vitalcast-forecast-quality", "Vitalcast: forecast quality",
     "Forecast error and interval coverage by horizon, models in use, training, inference time.", QUALITY,
     [INSTANCE]),
    ("vitalcast-alerts", "Vitalcast: alerts", "Alert events and open alerts.", ALERTS, [INSTANCE]),
    ("vitalcast-watched-patients", "Vitalcast: watched patients",
     "Value, forecast and interval of each watched patient (opt-in, capped list; see grafana/README.md).", WATCHED,
     [variable("instance", "label_values(vitalcast_watched_value, instance)", True, True, ".*"),
      variable("patient", "label_values(vitalcast_watched_value{instance=~\"$instance\"}, patient)", True, True),
      variable("signal", "label_values(vitalcast_watched_value{patient=~\"$patient\"}, signal)", True, True, ".*")]),
]


def main():
    rows = []
    for uid, title, description, panels, variables in DASHBOARDS:
        path = ROOT / "dashboards" / (uid.removeprefix("vitalcast-") + ".json")
        path.write_text(json.dumps(dashboard(uid, title, description, panels, variables), indent=2) + "\n")
        rows.append(f"\n### {title} (`dashboards/{path.name}`, uid `{uid}`)\n\n| panel | query |\n|---|---|")
        for p in panels:
            queries = "<br>".join("`" + q["expr"].replace("|", "\\|") + "`" for q in p["targets"])
            rows.append(f"| {p['title']} | {queries} |")
    readme = ROOT / "README.md"
    text = readme.read_text()
    start, end = "<!-- panels:start -->", "<!-- panels:end -->"
    text = re.sub(re.escape(start) + ".*" + re.escape(end), start + "\n" + "\n".join(rows) + "\n" + end, text,
                  flags=re.S)
    readme.write_text(text)


if __name__ == "__main__":
    main()
