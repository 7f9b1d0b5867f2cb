/**
 * Model files: a {@link io.vitalcast.modelfile.ModelBundle} (network, training configuration, scaling, metrics,
 * provenance) written and read by {@link io.vitalcast.modelfile.ModelFile} in one versioned, checksummed JSON
 * format. Every format version has a golden file in the tests that must keep loading.
 */
package io.vitalcast.modelfile;
