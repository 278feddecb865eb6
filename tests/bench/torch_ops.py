"""The PyTorch side of ai.fastdjl.bench.OpKernels: µs per call of the same ops on lesson 2's item table (9,725 × 50),
with PyTorch's AdamW step in place of DJL's fused adamUpdate."""
import time

import torch

torch.set_num_threads(2)  # as torch_bench.py and the Java side
ITEMS, FACTORS, CALLS = 9725, 50, 500


def timed(op, call):
    for _ in range(CALLS // 10 + 1):
        call()
    t0 = time.perf_counter()
    for _ in range(CALLS):
        call()
    print(f"{op:<32} {(time.perf_counter() - t0) / CALLS * 1e6:8.1f} µs")


w = torch.nn.Parameter(torch.randn(ITEMS, FACTORS) * 0.01)
w.grad = torch.randn(ITEMS, FACTORS)
g, pos = torch.randn(ITEMS, FACTORS), torch.rand(ITEMS, FACTORS) + 0.5
opt = torch.optim.AdamW([w], lr=1e-3, betas=(0.9, 0.99), eps=1e-5, weight_decay=0.01)
timed("AdamW.step (PyTorch)", opt.step)
timed("sqrt", pos.sqrt)
timed("exp", pos.exp)
timed("add scalar (new tensor)", lambda: pos + 1e-5)
timed("mul tensor (new tensor)", lambda: pos * g)
with torch.no_grad():
    timed("mul scalar in place", lambda: w.mul_(1.0))
