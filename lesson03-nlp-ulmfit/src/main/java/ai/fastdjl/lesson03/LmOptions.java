package ai.fastdjl.lesson03;

import ai.fastdjl.text.models.AwdLstm;
import picocli.CommandLine.Option;

/**
 * The AWD-LSTM's sizes and the text pipeline's, shared by the lesson's mains (a picocli mixin). fastai's defaults
 * (emb 400, hidden 1152, 3 layers, 60k words) train at about 200 tokens/s on 2 CPU cores; these defaults keep the
 * three stages within a CPU budget (see the lesson's README for the measured speeds).
 */
public class LmOptions {
    @Option(names = "--emb", defaultValue = "200", description = "Embedding size (default ${DEFAULT-VALUE}; fastai 400).")
    public int emb;

    @Option(names = "--hidden", defaultValue = "400", description = "LSTM hidden size (default ${DEFAULT-VALUE}; fastai 1152).")
    public int hidden;

    @Option(names = "--layers", defaultValue = "3", description = "LSTM layers (default ${DEFAULT-VALUE}, as fastai).")
    public int layers;

    @Option(names = "--max-vocab", defaultValue = "8000", description = "Largest vocabulary (default ${DEFAULT-VALUE}; fastai 60000).")
    public int maxVocab;

    @Option(names = "--bptt", defaultValue = "70", description = "Back-propagation through time: sequence length (default ${DEFAULT-VALUE}, as fastai).")
    public int bptt;

    @Option(names = "--drop-mult", defaultValue = "0.3", description = "Scales every dropout (fastai's drop_mult; default ${DEFAULT-VALUE}).")
    public double dropMult;

    /** fastai's language-model dropouts times {@code --drop-mult}. */
    public AwdLstm.Config languageModel() {
        return AwdLstm.Config.languageModel(emb, hidden, layers).dropMult(dropMult);
    }
}
