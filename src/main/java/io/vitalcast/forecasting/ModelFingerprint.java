package io.vitalcast.forecasting;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * 64-bit identities of models ({@link OnlineModel#fingerprint()}), stored with a stateful model's recurrent state in
 * the series state so that only the model that made a state carries it on: a retrained model of the same size
 * would otherwise take the old model's hidden and cell state for its own. {@link #UNKNOWN} is no model's
 * fingerprint, so a state that does not say which model made it (none, or read from a version-2 store) belongs to no
 * model.
 */
public final class ModelFingerprint {
    /** The fingerprint of a state that names no model. */
    public static final long UNKNOWN = 0;

    private ModelFingerprint() {
    }

    /** The fingerprint of a model known by its name, version and kind (a built-in one). */
    static long of(ModelInfo info) {
        return of(info.name() + '@' + info.version() + '/' + info.kind());
    }

    /** The first 64 bits of the SHA-256 of {@code identity} (UTF-8), never {@link #UNKNOWN}. */
    public static long of(String identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            long fingerprint = ByteBuffer.wrap(digest).getLong();
            return fingerprint == UNKNOWN ? 1 : fingerprint;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
