#!/usr/bin/env python3
"""The PyTorch side of fastdjl's benchmark: the same models as ai.fastdjl.bench.ModelBench, trained for N batches
with the same batch size, initialisation scale, loss and optimizer (AdamW with fastai's defaults, constant LR).
Prints one JSON line: model, samples/s (after warm-up), peak resident memory (MB)."""
import argparse, json, resource, time
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(2)  # the same 2 intra-op threads DJL uses on this machine class


def conv(ni, nf, ks=3, stride=1, bias=False):
    return nn.Conv2d(ni, nf, ks, stride=stride, padding=ks // 2, bias=bias)


class ResBlock(nn.Module):
    """As ai.fastdjl.models.ResNet.resBlock: stride on the first conv, zero-init last BN, avg-pool + 1x1 shortcut."""
    def __init__(self, ni, nf, stride):
        super().__init__()
        bn2 = nn.BatchNorm2d(nf)
        nn.init.zeros_(bn2.weight)
        self.convs = nn.Sequential(conv(ni, nf, stride=stride), nn.BatchNorm2d(nf), nn.ReLU(), conv(nf, nf), bn2)
        short = []
        if stride != 1:
            short.append(nn.AvgPool2d(2, ceil_mode=True))
        if ni != nf:
            short += [conv(ni, nf, ks=1), nn.BatchNorm2d(nf)]
        self.short = nn.Sequential(*short)

    def forward(self, x):
        return F.relu(self.convs(x) + self.short(x))


def resnet(widths=(8, 16, 32, 64), classes=10):
    layers = [ResBlock(1, widths[0], 1)] + [ResBlock(widths[i - 1], widths[i], 2) for i in range(1, len(widths))]
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(widths[-1], classes))


def mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))


def kaiming(m):
    # DJL's default for weights: Kaiming normal, fan-in, gain sqrt(2); biases zero
    if isinstance(m, (nn.Conv2d, nn.Linear)):
        nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
        if m.bias is not None:
            nn.init.zeros_(m.bias)


def data(model, n, bs):
    g = torch.Generator().manual_seed(0)
    if model in ("cnn", "mlp"):
        return torch.randn(n * bs, 1, 28, 28, generator=g), torch.randint(0, 10, (n * bs,), generator=g)
    raise SystemExit(f"unknown model {model}")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", default="cnn")
    p.add_argument("--batches", type=int, default=120)
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--bs", type=int, default=128)
    a = p.parse_args()
    torch.manual_seed(1)
    net = {"cnn": resnet, "mlp": mlp}[a.model]()
    net.apply(kaiming)
    for m in net.modules():  # keep the zero-init of each block's last BatchNorm after the generic init
        if isinstance(m, ResBlock):
            nn.init.zeros_(m.convs[4].weight)
    x, y = data(a.model, a.warmup + a.batches, a.bs)
    opt = torch.optim.AdamW(net.parameters(), lr=1e-3, betas=(0.9, 0.99), eps=1e-5, weight_decay=0.01)
    net.train()
    start = None
    for i in range(a.warmup + a.batches):
        if i == a.warmup:
            start = time.perf_counter()
        xb, yb = x[i * a.bs:(i + 1) * a.bs], y[i * a.bs:(i + 1) * a.bs]
        loss = F.cross_entropy(net(xb), yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
        loss.item()  # the Java side reads each batch's loss too (its recorder)
    secs = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"model": a.model, "samples_per_sec": a.batches * a.bs / secs, "peak_rss_mb": rss,
                      "torch": torch.__version__}))


if __name__ == "__main__":
    main()
