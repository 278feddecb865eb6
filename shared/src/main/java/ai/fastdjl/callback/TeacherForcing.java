package ai.fastdjl.callback;

import ai.fastdjl.learner.Callback;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.seq.Seq2Seq;
import java.util.Locale;

/**
 * Teacher forcing (Williams &amp; Zipser 1989): while training, the decoder reads the true previous token instead of
 * its own guess. The course: it "sounds like cheating, but makes training easier early on" — a decoder that reads
 * its own early mistakes learns from garbage — yet at test time it never gets the true token. {@link #always()}
 * forces every step, {@link #never()} none, {@link #scheduled()} starts at always and falls linearly to never by the
 * end of training (the course's {@code TeacherForcing} callback lowers it per epoch; this one per batch).
 */
public final class TeacherForcing implements Callback {
    private final String name;
    private final double start;
    private final double end;

    private TeacherForcing(String name, double start, double end) {
        this.name = name;
        this.start = start;
        this.end = end;
    }

    public static TeacherForcing always() {
        return new TeacherForcing("always", 1, 1);
    }

    public static TeacherForcing never() {
        return new TeacherForcing("never", 0, 0);
    }

    public static TeacherForcing scheduled() {
        return new TeacherForcing("scheduled", 1, 0);
    }

    /** always, never or scheduled. */
    public static TeacherForcing of(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "always" -> always();
            case "never" -> never();
            case "scheduled" -> scheduled();
            default -> throw new IllegalArgumentException("teacher forcing \"" + name + "\": give always, never or"
                    + " scheduled");
        };
    }

    public String name() {
        return name;
    }

    /** The probability of a forced step at this point of training. */
    public double probability(double pctTrain) {
        return start + (end - start) * pctTrain;
    }

    @Override
    public void beforeBatch(Learner learn) {
        if (learn.training() && learn.block() instanceof Seq2Seq s) {
            s.teacherForcing(probability(learn.pctTrain()), learn.random());
        }
    }
}
