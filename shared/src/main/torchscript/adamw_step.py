#!/usr/bin/env python3
"""Builds shared/src/main/resources/ai/fastdjl/optim/adamw_step.pt, the TorchScript AdamW step that
ai.fastdjl.optim.AdamWScript loads into DJL's libtorch:

    /usr/bin/python3 shared/src/main/torchscript/adamw_step.py shared/src/main/resources/ai/fastdjl/optim/adamw_step.pt

(Debian's python3-torch; libtorch 2.7.1 loads the archive it writes.) The step is PyTorch's own _single_tensor_adamw
(torch/optim/adamw.py, foreach=False): 5 in-place passes over the parameter's size and one temporary, where DJL's
fused adamUpdate makes 13 passes and 8 temporaries (tests/bench/RESULTS.md's profile). The gradient it gets is DJL's
copy (LocalParameterServer duplicates it), so the caller zeroes the weight's own gradient."""
import math
import sys

import torch


class AdamWStep(torch.nn.Module):
    """One AdamW step on one parameter, in place; returns the denominator (a tensor it made anyway)."""

    def forward(self, param: torch.Tensor, grad: torch.Tensor, exp_avg: torch.Tensor, exp_avg_sq: torch.Tensor,
                lr: float, wd: float, beta1: float, beta2: float, eps: float, step: int) -> torch.Tensor:
        p = param.detach()  # a view outside autograd: a leaf that requires grad may not be updated in place
        g = grad.detach()
        p.mul_(1 - lr * wd)  # decoupled weight decay (Loshchilov & Hutter)
        exp_avg.mul_(beta1).add_(g, alpha=1 - beta1)
        exp_avg_sq.mul_(beta2).addcmul_(g, g, value=1 - beta2)
        denom = exp_avg_sq.sqrt().div_(math.sqrt(1 - beta2 ** step)).add_(eps)
        p.addcdiv_(exp_avg, denom, value=-lr / (1 - beta1 ** step))
        return denom


if __name__ == "__main__":
    torch.jit.script(AdamWStep()).save(sys.argv[1])
