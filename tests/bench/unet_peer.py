#!/usr/bin/env python3
"""The PyTorch peer of lesson 1's Segmentation: the same U-Net (ai.fastdjl.models.UNet with a halving stem: residual
encoder levels 16-32-64-128, each decoder step nearest-upsampling x2 + conv-BN-ReLU, concatenating the encoder's
features of the same size, a residual block; a last climb to full size merging one conv of the input; a 1x1 conv to
11 classes) and the same encoder-decoder without skips, trained as fastdjl's Learner trains them (AdamW with fastai's
defaults, one cycle at 1e-2, batches of 32, 3 epochs, per-pixel cross-entropy) on the very arrays Segmentation
trains on (exported by ai.fastdjl.bench.SceneExport --segmentation), scored by mean IoU over the 10 item classes.
Prints one JSON line per model.

    tests/bench/unet_peer.sh        (exports the scenes, then runs this with 2 threads)
"""
import argparse, json
from typing import List
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch_bench import ResBlock, conv, kaiming
from ssd_peer import fit_one_cycle

CLASSES = 11  # background + 10


def conv_layer(ni, nf):
    return nn.Sequential(conv(ni, nf), nn.BatchNorm2d(nf), nn.ReLU())


class Up(nn.Module):
    def __init__(self, ni, nf):
        super().__init__()
        self.conv = conv_layer(ni, nf)

    def forward(self, x):
        return self.conv(F.interpolate(x, scale_factor=2.0, mode="nearest"))


class UNet(nn.Module):
    def __init__(self, skips, widths=(16, 32, 64, 128)):
        super().__init__()
        self.skips = skips
        self.enc = nn.ModuleList([ResBlock(1 if i == 0 else widths[i - 1], widths[i], 2) for i in range(len(widths))])
        self.up = nn.ModuleList([Up(widths[i], widths[i - 1]) for i in range(len(widths) - 1, 0, -1)])
        self.merge = nn.ModuleList([ResBlock(2 * widths[i - 1] if skips else widths[i - 1], widths[i - 1], 1)
                                    for i in range(len(widths) - 1, 0, -1)])
        w = widths[0]
        self.up0 = Up(w, w)
        self.cross = conv_layer(1, w) if skips else None
        self.merge0 = ResBlock(2 * w if skips else w, w, 1)
        self.last = nn.Conv2d(w, CLASSES, 1)

    def forward(self, x0):
        # written so TorchScript compiles it (tests/bench/scripted_step.py scripts the whole training step)
        feats: List[torch.Tensor] = []
        x = x0
        for e in self.enc:
            x = e(x)
            feats.append(x)
        k = 0
        for up, merge in zip(self.up, self.merge):
            x = up(x)
            if self.skips:
                x = torch.cat([x, feats[len(feats) - 2 - k]], 1)
            x = merge(x)
            k += 1
        x = self.up0(x)
        if self.cross is not None:
            x = torch.cat([x, self.cross(x0)], 1)
        return self.last(self.merge0(x))


def mean_iou(pred, truth):
    conf = np.bincount(truth.ravel() * CLASSES + pred.ravel(), minlength=CLASSES * CLASSES).reshape(CLASSES, CLASSES)
    ious = []
    for c in range(1, CLASSES):
        union = conf[c, :].sum() + conf[:, c].sum() - conf[c, c]
        if union > 0:
            ious.append(conf[c, c] / union)
    return float(np.mean(ious))


def train(skips, x, m, xv, mv, epochs, lr, seed):
    torch.manual_seed(seed)
    model = UNet(skips)
    model.apply(kaiming)
    train_s, last_loss = fit_one_cycle(model, x, m, F.cross_entropy, epochs, lr, 32,
                                       "unet " if skips else "no_skips ")
    model.eval()
    with torch.no_grad():
        pred = torch.cat([model(xv[i:i + 64]).argmax(1) for i in range(0, xv.shape[0], 64)]).numpy()
    return {"side": "pytorch", "model": "unet" if skips else "no_skips", "torch": torch.__version__,
            "miou": round(mean_iou(pred, mv.numpy()), 4), "train_seconds": round(train_s, 1),
            "last_epoch_loss": round(last_loss, 4)}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--lr", type=float, default=1e-2)
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()
    load = lambda name: torch.from_numpy(np.load(f"{a.data}/{name}.npy"))
    x, xv = load("train_x"), load("valid_x")
    m, mv = load("train_mask").long(), load("valid_mask").long()
    for skips in (True, False):
        print(json.dumps(train(skips, x, m, xv, mv, a.epochs, a.lr, a.seed)), flush=True)


if __name__ == "__main__":
    main()
