"""The PyTorch peer's side of the numerics check (ai.fastdjl.numerics): the kernels that came out wrong in DJL's
libtorch 2.7.1 (oneDNN 3.7.1) on an AMD Zen 5 machine, in this Python's torch, float32 against float64, outputs and
gradients, tolerance 1e-3 of the largest value. Run before trusting the peer's side of the benchmark:
    python3 tests/bench/torch_numerics.py [threads]     (exit status 1 when a kernel is wrong)
Measured 2026-12-04 on that machine: Debian's python3-torch 1.13.1 (oneDNN 2.6.3, same jit:avx512_core kernels on
the same padded layouts) right everywhere at 1 and 2 threads, errors 1.6e-7 to 7.3e-6."""
import sys

import torch

TOLERANCE = 1e-3


def rel(a, ref):
    a, ref = a.double(), ref.double()
    if not torch.isfinite(a).all():
        return float("inf")
    return ((a - ref).abs().max() / ref.abs().max()).item()


def conv(n, cin, cout, hw, k):
    x, w = torch.randn(n, cin, hw, hw, dtype=torch.float64), torch.randn(cout, cin, k, k, dtype=torch.float64)
    g, out = None, {}
    for dt in (torch.float64, torch.float32):
        xx = x.detach().to(dt).clone().requires_grad_()
        ww = w.detach().to(dt).clone().requires_grad_()
        y = torch.nn.functional.conv2d(xx, ww, padding=k // 2)
        g = torch.randn(y.shape, dtype=torch.float64) if g is None else g
        (y * g.to(dt)).sum().backward()
        out[dt] = (y.detach(), xx.grad, ww.grad)
    return max(rel(a, b) for a, b in zip(out[torch.float32], out[torch.float64]))


def lstm_eval(b, t, i, h):
    m = torch.nn.LSTM(i, h, batch_first=True).double()
    x = torch.randn(b, t, i, dtype=torch.float64)
    h0, c0 = torch.randn(1, b, h, dtype=torch.float64) * 0.5, torch.randn(1, b, h, dtype=torch.float64) * 0.5
    with torch.no_grad():
        ref = m(x, (h0, c0))[0]
        got = m.float()(x.float(), (h0.float(), c0.float()))[0]
    return rel(got, ref)


KERNELS = [("conv2d 1->8 3x3 (ResNet stem)", lambda: conv(32, 1, 8, 28, 3)),
           ("conv2d 8->8 3x3", lambda: conv(32, 8, 8, 28, 3)),
           ("conv2d 32->3 3x3 (generator output)", lambda: conv(16, 32, 3, 32, 3)),
           ("conv2d 100->64 3x3", lambda: conv(16, 100, 64, 4, 3)),
           ("lstm 32->16, eval", lambda: lstm_eval(16, 20, 32, 16)),
           ("lstm 24->40, eval", lambda: lstm_eval(16, 20, 24, 40)),
           ("lstm 1152->400, eval", lambda: lstm_eval(4, 10, 1152, 400))]

if __name__ == "__main__":
    torch.manual_seed(0)
    torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads")
    wrong = 0
    for name, kernel in KERNELS:
        e = max(kernel() for _ in range(2))  # a faulty kernel can be right on one call and wrong on the next
        wrong += e > TOLERANCE
        print(f"  {'ok  ' if e <= TOLERANCE else 'FAIL'}  {name}: error {e:.1e}")
    print("numerics: OK" if wrong == 0 else f"numerics: BROKEN ({wrong} kernels)")
    sys.exit(1 if wrong else 0)
