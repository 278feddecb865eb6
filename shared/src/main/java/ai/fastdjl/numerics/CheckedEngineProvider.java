package ai.fastdjl.numerics;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineProvider;
import ai.djl.pytorch.engine.PtEngineProvider;

/**
 * DJL's default engine in this project: PyTorch, started under the {@link CpuSetting} the numerics check chose.
 * DJL instantiates every {@link EngineProvider} on the class path when its {@code Engine} class initialises, before
 * any engine loads, and takes the one of lowest rank as default ({@code PtEngine.RANK} is 2): so the choice and its
 * environment switches are in place before libtorch reads them, whatever started the JVM. The engine returned is
 * DJL's own PyTorch engine ({@code getEngineName()} is "PyTorch"); code that asks for it by name before anything else
 * started the engine gets it without the setting, so the project asks through {@code Engine.getInstance()}.
 */
public final class CheckedEngineProvider implements EngineProvider {
    /** Below PyTorch's 2, so DJL picks this provider as the default engine. */
    static final int RANK = 1;

    private static volatile boolean started;

    public CheckedEngineProvider() {
        CpuSettings.beforeLoad();
    }

    @Override
    public String getEngineName() {
        return "PyTorch-checked";
    }

    @Override
    public int getEngineRank() {
        return RANK;
    }

    @Override
    public Engine getEngine() {
        Engine engine = new PtEngineProvider().getEngine(); // DJL keeps one PyTorch engine per JVM
        if (!started) {
            synchronized (CheckedEngineProvider.class) {
                if (!started) {
                    CpuSettings.afterLoad();
                    started = true;
                }
            }
        }
        return engine;
    }
}
