#!/usr/bin/env python3
"""One whole training step (forward, loss, backward, AdamW) of a benchmark model as ONE TorchScript call, so the same
graph can run in both libtorch builds: Debian's PyTorch 1.13 (here) and DJL's libtorch 2.7.1 (ai.fastdjl.bench.
ScriptedStep). With no Java and no Python between the ops, the two runs' ratio is the part of the fastdjl/PyTorch
gap that lives in the native library itself, which no change in this project reaches (tests/bench/scripted_ab.sh).

    scripted_step.py build MODEL FILE    writes the step of MODEL (cnn, mlp, dotbias, unet, ssd) to FILE
    scripted_step.py time MODEL FILE [SCENES]   loads FILE and trains it as torch_bench.py trains MODEL: one JSON
                                         line (unet, ssd: SCENES is the folder SceneExport wrote)

The model, its initialisation, data, loss, batch size, learning rate and AdamW (fastai's betas and eps, decay 0.01
on weights, none on 1-D parameters) are torch_bench.py's; the step is the one shared/src/main/torchscript/
adamw_step.py gives fastdjl's optimizer (PyTorch's _single_tensor_adamw)."""
import os
import sys
import time
from typing import List

import torch
import torch.nn.functional as F

import torch_bench as tb
from ssd_peer import ssd_loss

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../shared/src/main/torchscript"))
from adamw_step import adamw  # noqa: E402  (the path above first)


class Step(torch.nn.Module):
    """forward(x, y, step count) trains the net on one batch and returns the batch's loss. The parameters sit in a list
    attribute as well as in the net: the same tensors, so autograd.grad finds them (TorchScript cannot iterate
    self.parameters()); the AdamW moments are list attributes too."""

    def __init__(self, net: torch.nn.Module, loss: str, lr: float):
        super().__init__()
        self.net = net
        ps = [p for p in net.parameters() if p.requires_grad]
        self.params: List[torch.Tensor] = ps
        self.exp_avgs: List[torch.Tensor] = [torch.zeros_like(p) for p in ps]
        self.exp_avg_sqs: List[torch.Tensor] = [torch.zeros_like(p) for p in ps]
        self.wds: List[float] = [0.01 if p.ndim > 1 else 0.0 for p in ps]  # torch_bench.adamw's two groups
        self.loss = loss  # mse, ssd (SsdLoss) or cross-entropy
        self.lr = lr

    def forward(self, x: torch.Tensor, y: torch.Tensor, step_count: torch.Tensor) -> torch.Tensor:
        # the step count as a 0-dim tensor: DJL's forward with autograd on passes tensors only
        step = int(step_count)
        out = self.net(x)
        if self.loss == "mse":
            loss = F.mse_loss(out.squeeze(1), y)
        elif self.loss == "ssd":
            loss = ssd_loss(out, y)
        else:
            loss = F.cross_entropy(out, y)
        grads = torch.autograd.grad([loss], self.params)
        for i in range(len(self.params)):
            g = grads[i]
            if g is not None:
                adamw(self.params[i].detach(), g, self.exp_avgs[i], self.exp_avg_sqs[i], self.lr, self.wds[i],
                      0.9, 0.99, 1e-5, step)
        return loss.detach()


def build(model, path):
    torch.manual_seed(1)
    step = Step(tb.build(model), {"dotbias": "mse", "ssd": "ssd"}.get(model, "ce"), tb.lr(model))
    step.train()
    torch.jit.script(step).save(path)


def time_it(model, path, scenes=None):
    batches = warmup = tb.default_batches(model)
    bs = tb.default_bs(model)
    # the graph executor's optimisations off (as ScriptedStep sets DJL's ai.djl.pytorch.graph_optimizer=false): the
    # interpreter then runs the graph's own ops, the ops eager PyTorch would run, instead of rewriting them
    torch._C._set_graph_executor_optimize(os.environ.get("GRAPH_OPTIMIZE", "0") == "1")
    step = torch.jit.load(path)
    step.train()
    pool = min(warmup + batches, tb.POOL)
    x, y = tb.data(model, pool, bs, scenes)
    start, losses = None, []
    trace = os.environ.get("PROFILE")  # as ScriptedStep --profile: libtorch's profile of the timed batches
    prof = torch.autograd.profiler.profile(enabled=trace is not None)
    for i in range(warmup + batches):
        if i == warmup:
            start = time.perf_counter()
            prof.__enter__()
        sl = slice(i % pool * bs, (i % pool + 1) * bs)
        losses.append(step(x[sl], y[sl], torch.tensor(i + 1)).item())
    prof.__exit__(None, None, None)
    if trace:
        prof.export_chrome_trace(trace)
    tb.report(model, batches * bs / (time.perf_counter() - start), losses[warmup:])


if __name__ == "__main__":
    if (len(sys.argv) not in (4, 5) or sys.argv[1] not in ("build", "time")
            or sys.argv[2] not in ("cnn", "mlp", "dotbias", "unet", "ssd")):
        sys.exit("usage: scripted_step.py build|time cnn|mlp|dotbias|unet|ssd FILE [SCENES]")
    (build if sys.argv[1] == "build" else time_it)(*sys.argv[2:])
