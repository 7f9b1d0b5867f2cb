package io.vitalcast.modelfile;

/**
 * A model file as read: its bundle and the checksum its content was verified against. The checksum is what the
 * model is known by once loaded (a retrained model differs from the one it replaces in its weights, or at least in
 * its provenance); it is taken from the file because writing the bundle again need not give the same bytes (files
 * written before bundles kept their keys sorted list metrics and attributes in no fixed order).
 *
 * @param bundle   the model
 * @param checksum the file's {@code sha256}, in hex
 */
public record LoadedModel(ModelBundle bundle, String checksum) {
}
