package ai.fastdjl.imports;

/** A layer (or a layer option) of an imported model that has no DJL mapping here; the message names the layer. */
public class UnsupportedLayerException extends IllegalArgumentException {
    public UnsupportedLayerException(String message) {
        super(message);
    }
}
