# Sourced by the PyTorch peer scripts (ssd_peer.sh, unet_peer.sh) from the project's root: Debian's torch and
# OpenBLAS installed if missing, the project built, the tests module's classpath in tests/target/bench-cp.txt, and
# `java_offline` to start a class with run.sh's JVM settings (offline DJL, no cloud-metadata call, the project's
# engine cache).
py=/usr/bin/python3; [ -x "$py" ] || py=python3
"$py" -c "import torch, numpy" 2>/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch; }
[ -e /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3 ] || {
  apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libopenblas0-pthread; }
mvn -q -pl tests -am install -DskipTests
mvn -q -pl tests dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$PWD/tests/target/bench-cp.txt"
java_offline() {
  OPT_OUT_TRACKING=true java -Dai.djl.offline=true -Dai.djl.util.cuda.fork=true -DDJL_CACHE_DIR="$PWD/.djl-cache" \
    -cp "tests/target/classes:$(cat tests/target/bench-cp.txt)" "$@"
}
export OMP_NUM_THREADS=2 MKL_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2
