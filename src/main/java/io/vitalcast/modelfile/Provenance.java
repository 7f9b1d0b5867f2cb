package io.vitalcast.modelfile;

import java.time.Instant;

/**
 * Where a model came from, so that it can be reproduced and audited.
 *
 * @param seed            seed of initialization and shuffling
 * @param dataFingerprint SHA-256 of the training data (see {@code SequenceDataset#fingerprint()})
 * @param dataDescription what the data was, e.g. the input file and signal
 * @param libraryVersion  Vitalcast version that trained it
 * @param createdAt       when training finished
 */
public record Provenance(long seed, String dataFingerprint, String dataDescription, String libraryVersion,
                         Instant createdAt) {

    public Provenance {
        if (dataFingerprint == null || dataDescription == null || libraryVersion == null || createdAt == null) {
            throw new IllegalArgumentException("provenance fields are required");
        }
    }
}
