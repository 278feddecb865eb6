package ai.fastdjl.lesson03;

import ai.fastdjl.datasets.MobyDick;
import ai.fastdjl.lesson.LessonRun;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * <i>Moby-Dick</i>'s chapters as token lists, split for {@link CharRnn} and {@link BytePairLm}: a seeded 10 % of the
 * chapters held out (the same chapters for both, whatever the tokens), the training chapters in order up to
 * {@code --limit} tokens.
 */
record MobyChapters(List<List<String>> train, List<List<String>> heldOut) {
    static final double HELD_OUT = 0.1;

    static MobyChapters load(LessonRun run, Function<String, List<String>> tokens) {
        List<List<String>> chapters = new ArrayList<>();
        MobyDick.chapters(run.data()).stringColumn("text").forEach(t -> chapters.add(tokens.apply(t)));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < chapters.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(run.seed()));
        int nHeld = (int) Math.round(HELD_OUT * chapters.size());
        List<List<String>> train = new ArrayList<>();
        long left = run.limit() == null ? Long.MAX_VALUE : run.limit();
        for (int i : order.subList(nHeld, order.size())) {
            if (left <= 0) {
                break;
            }
            List<String> c = chapters.get(i);
            train.add(c.size() <= left ? c : c.subList(0, (int) left));
            left -= c.size();
        }
        return new MobyChapters(train, order.subList(0, nHeld).stream().map(chapters::get).toList());
    }

    long trainTokens() {
        return train.stream().mapToLong(List::size).sum();
    }

    long heldOutTokens() {
        return heldOut.stream().mapToLong(List::size).sum();
    }
}
