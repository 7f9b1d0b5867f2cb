/**
 * Micrometer metrics of Vitalcast ({@code vitalcast_*}), exported to Prometheus. Names and label sets are defined
 * here only; patient ids never become label values except in the capped, opt-in watched-patients list.
 */
package io.vitalcast.metrics;
