package ai.fastdjl.schedule;

import ai.fastdjl.optim.Hyper;
import java.util.Map;

/**
 * A training plan as schedules: for each hyper-parameter it sets, one {@link Schedule} per parameter group (fastai's
 * {@code scheds} dict that {@code ParamScheduler} follows). {@code Learner.fit(nEpoch, scheds)} applies it;
 * {@link OneCycle} and {@link Sgdr} are the course's two plans.
 */
@FunctionalInterface
public interface Scheds {
    /** The schedules for a model whose optimizer has {@code nGroups} parameter groups. */
    Map<Hyper, Schedule[]> forGroups(int nGroups);
}
