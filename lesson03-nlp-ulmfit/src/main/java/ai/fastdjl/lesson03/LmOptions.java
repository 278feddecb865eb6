package ai.fastdjl.lesson03;

import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.text.LmDataset;
import ai.fastdjl.text.models.AwdLstm;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The stage-1 AWD-LSTM's sizes and the text pipeline's (a picocli mixin); later stages read the sizes from the saved
 * model. fastai's defaults (emb 400, hidden 1152, 3 layers, 60k words) would take days per epoch on 2 CPU cores;
 * these keep stage 1 under an hour and a whole {@link Ulmfit} run near 15 minutes (the lesson's README has the
 * measured speeds).
 */
public class LmOptions {
    @Option(names = "--emb", description = "Embedding size (default ${DEFAULT-VALUE}; fastai 400).")
    public int emb = 128;

    @Option(names = "--hidden", description = "LSTM hidden size (default ${DEFAULT-VALUE}; fastai 1152).")
    public int hidden = 192;

    @Option(names = "--layers", description = "LSTM layers (default ${DEFAULT-VALUE}, as fastai).")
    public int layers = 3;

    @Option(names = "--max-vocab", description = "Largest vocabulary (default ${DEFAULT-VALUE}; fastai 60000).")
    public int maxVocab = 8000;

    @Option(names = "--bptt", description = "Back-propagation through time: sequence length (default ${DEFAULT-VALUE}, as fastai).")
    public int bptt = 70;

    @Option(names = "--drop-mult", description = "Scales every dropout (fastai's drop_mult; default ${DEFAULT-VALUE}).")
    public double dropMult = 0.3;

    /** fastai's language-model dropouts times {@code --drop-mult}. */
    public AwdLstm.Config languageModel() {
        return AwdLstm.Config.languageModel(emb, hidden, layers).dropMult(dropMult);
    }

    /** The flags as given, for a run's record and {@code --resume}'s check. */
    Map<String, Object> flags() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("--emb", emb);
        m.put("--hidden", hidden);
        m.put("--layers", layers);
        m.put("--max-vocab", maxVocab);
        m.put("--bptt", bptt);
        m.put("--drop-mult", dropMult);
        return m;
    }

    /**
     * A language model's token stream must fill {@code bs} rows of at least two tokens.
     *
     * @throws UserInputException naming the flags that give more text or smaller batches
     */
    static void requireTokens(long tokens, int bs, String which, String moreTextFlag) {
        if (tokens < LmDataset.minTokens(bs)) {
            throw new UserInputException("the language model's " + which + " text has " + tokens + " tokens, fewer"
                    + " than " + LmDataset.minTokens(bs) + " (2 per row of --bs " + bs + "); raise " + moreTextFlag
                    + " or lower --bs");
        }
    }
}
