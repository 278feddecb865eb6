package ai.fastdjl.callback;

import ai.fastdjl.learner.Callback;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.Recorder;
import ai.fastdjl.learner.Weights;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps a copy of the weights at the end of chosen epochs (the ends of SGDR's cycles), for a snapshot ensemble
 * (Huang et al. 2017: "train one, get M for free"). Copies live in memory; {@link #restore} puts one back.
 */
public class Snapshots implements Callback {
    private final int[] atEpochs;
    private final List<byte[]> saved = new ArrayList<>();

    /** @param atEpochs 1-based epoch counts after which to keep the weights (e.g. {@code Sgdr.cycleEnds()}) */
    public Snapshots(int... atEpochs) {
        this.atEpochs = atEpochs.clone();
    }

    @Override
    public int order() {
        return Recorder.ORDER + 5;
    }

    @Override
    public void afterEpoch(Learner learn) {
        int done = learn.epoch() + 1;
        if (Arrays.stream(atEpochs).anyMatch(e -> e == done)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                Weights.save(learn.block(), out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            saved.add(bytes.toByteArray());
        }
    }

    public int size() {
        return saved.size();
    }

    /** Loads snapshot {@code i} into {@code learn}'s model. */
    public void restore(Learner learn, int i) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(saved.get(i)))) {
            Weights.load(learn.block(), in, learn.model().getNDManager());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
