#!/usr/bin/env python3
"""Builds the TorchScript AdamW steps that ai.fastdjl.optim.AdamWScript loads into DJL's libtorch:

    /usr/bin/python3 shared/src/main/torchscript/adamw_step.py shared/src/main/resources/ai/fastdjl/optim

(Debian's python3-torch; libtorch 2.7.1 loads the archives it writes.) Both run PyTorch's own _single_tensor_adamw
(torch/optim/adamw.py, foreach=False, its choice on CPU): 5 in-place passes over the parameter's size and one
temporary, where DJL's fused adamUpdate makes 13 passes and 8 temporaries (tests/bench/RESULTS.md's profile).
  adamw_step.pt  one parameter per call, given the gradient DJL's Trainer.step hands the optimizer: a copy
                 (LocalParameterServer duplicates it), so the caller zeroes the weight's own gradient.
  adamw_all.pt   every parameter in one call, bypassing Trainer.step: it reads each parameter's own .grad (no copy)
                 and zeroes it, as PyTorch's optimizer.step() + zero_grad() do."""
import math
import os
import sys
from typing import List

import torch


def adamw(p: torch.Tensor, g: torch.Tensor, exp_avg: torch.Tensor, exp_avg_sq: torch.Tensor, lr: float, wd: float,
          beta1: float, beta2: float, eps: float, step: int) -> torch.Tensor:
    p.mul_(1 - lr * wd)  # decoupled weight decay (Loshchilov & Hutter)
    exp_avg.mul_(beta1).add_(g, alpha=1 - beta1)
    exp_avg_sq.mul_(beta2).addcmul_(g, g, value=1 - beta2)
    denom = exp_avg_sq.sqrt().div_(math.sqrt(1 - beta2 ** step)).add_(eps)
    p.addcdiv_(exp_avg, denom, value=-lr / (1 - beta1 ** step))
    return denom


class AdamWStep(torch.nn.Module):
    """One AdamW step on one parameter, in place; returns the denominator (a tensor it made anyway)."""

    def forward(self, param: torch.Tensor, grad: torch.Tensor, exp_avg: torch.Tensor, exp_avg_sq: torch.Tensor,
                lr: float, wd: float, beta1: float, beta2: float, eps: float, step: int) -> torch.Tensor:
        # detached views: a leaf that requires grad may not be updated in place
        return adamw(param.detach(), grad.detach(), exp_avg, exp_avg_sq, lr, wd, beta1, beta2, eps, step)


class AdamWAll(torch.nn.Module):
    """One AdamW step on every parameter that has a gradient, each with its group's hyper-parameters (lists aligned
    with params; hyper = [lr, wd, beta1, beta2, eps] per parameter), gradients zeroed after; returns how many
    parameters were updated."""

    def forward(self, params: List[torch.Tensor], exp_avgs: List[torch.Tensor], exp_avg_sqs: List[torch.Tensor],
                hyper: List[float], steps: List[int]) -> int:
        done = 0
        for i in range(len(params)):
            grad = params[i].grad
            if grad is None:
                continue
            g = grad.detach()
            h = hyper[5 * i:5 * i + 5]
            adamw(params[i].detach(), g, exp_avgs[i], exp_avg_sqs[i], h[0], h[1], h[2], h[3], h[4], steps[i])
            g.zero_()
            done += 1
        return done


if __name__ == "__main__":
    out = sys.argv[1]
    torch.jit.script(AdamWStep()).save(os.path.join(out, "adamw_step.pt"))
    torch.jit.script(AdamWAll()).save(os.path.join(out, "adamw_all.pt"))
