#!/usr/bin/env python3
"""The PyTorch peer of lesson 1's ObjectDetection: the same SSD (ai.fastdjl.detect.SsdModel), loss (SsdLoss: hard
negative mining 3:1, smooth L1), training (AdamW with fastai's defaults, one cycle at 3e-3 with fastai's
div 25 / div_final 1e5 / pct_start 0.25 and momentum 0.95-0.85-0.95, batches of 64, 3 epochs) and scoring
(SsdDecoder: softmax, score > 0.01, per-class NMS at IoU 0.45, 200 detections a scene; Pascal VOC all-point AP at
IoU 0.5, mean over classes) on the very arrays ObjectDetection trains on, exported by ai.fastdjl.bench.SceneExport.
Prints one JSON line: mAP@0.5, training seconds, the last epoch's mean training loss.

    tests/bench/ssd_peer.sh        (exports the scenes, then runs this with 2 threads)
"""
import argparse, json, math, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch_bench import ResBlock, kaiming  # the benchmark's residual block and init (and its 2 threads)

CLASSES, OUT = 10, 4 + 10 + 1


class Ssd(nn.Module):
    """As ai.fastdjl.detect.SsdModel: a stride-2 stem, halving stages, stride-2 extras, one 3x3 head per map."""
    def __init__(self, widths=(16, 32, 64), per_cell=(4, 4, 4, 4)):
        super().__init__()
        body = [ResBlock(1, widths[0], 2)] + [ResBlock(widths[i - 1], widths[i], 2) for i in range(1, len(widths))]
        self.body = nn.Sequential(*body)
        w = widths[-1]
        # the first map's head reads the body as it is: an identity in the extras' place keeps the forward a zip,
        # which TorchScript compiles (tests/bench/scripted_step.py scripts the whole training step)
        self.extras = nn.ModuleList([nn.Identity()] + [ResBlock(w, w, 2) for _ in per_cell[1:]])
        self.heads = nn.ModuleList([nn.Conv2d(w, k * OUT, 3, padding=1) for k in per_cell])
        self.outputs = OUT  # an attribute: TorchScript reads no global ints

    def forward(self, x):
        x = self.body(x)
        outs = []
        for extra, head in zip(self.extras, self.heads):
            x = extra(x)
            h = head(x)
            outs.append(h.permute(0, 2, 3, 1).reshape(h.shape[0], -1, self.outputs))
        return torch.cat(outs, 1)


def ssd_loss(out: torch.Tensor, target: torch.Tensor, neg_pos: int = 3) -> torch.Tensor:
    cls = target[:, :, 0].long()
    ce = F.cross_entropy(out[:, :, 4:].reshape(-1, out.shape[2] - 4), cls.reshape(-1), reduction="none").view(cls.shape)
    pos = (cls > 0).float()
    n_pos = pos.sum(1, keepdim=True)
    neg_loss = (ce * (1 - pos)).detach()
    rank = neg_loss.argsort(1, descending=True).argsort(1).float()
    hard = (rank < n_pos * neg_pos).float() * (1 - pos)
    d = (out[:, :, :4] - target[:, :, 1:5]).abs()
    smooth_l1 = torch.where(d < 1, 0.5 * d * d, d - 0.5).sum(2)
    return ((ce * (pos + hard)).sum() + (smooth_l1 * pos).sum()) / pos.sum().clamp(min=1)


def one_cycle(step, total, lr_max, pct=0.25, div=25, div_final=1e5):
    """fastai's combined cosine: lr_max/div -> lr_max over pct, then -> lr_max/div_final; momentum the other way."""
    def cos(a, b, p):
        return b + (a - b) / 2 * (1 + math.cos(math.pi * p))
    p = step / total
    if p < pct:
        return cos(lr_max / div, lr_max, p / pct), cos(0.95, 0.85, p / pct)
    return cos(lr_max, lr_max / div_final, (p - pct) / (1 - pct)), cos(0.85, 0.95, (p - pct) / (1 - pct))


def fit_one_cycle(model, x, y, loss_fn, epochs, lr, bs, name=""):
    """As fastdjl's Learner.fitOneCycle: AdamW with fastai's defaults (betas 0.9/0.99, eps 1e-5, weight decay 0.01,
    none on biases and norms), one cycle of LR and momentum per step, shuffled batches of bs with the last short one
    dropped (as DataLoaders.fromArrays). Returns the training seconds and the last epoch's mean loss."""
    params = list(model.parameters())
    opt = torch.optim.AdamW([{"params": [q for q in params if q.ndim > 1]},
                             {"params": [q for q in params if q.ndim <= 1], "weight_decay": 0.0}],
                            lr=lr, betas=(0.9, 0.99), eps=1e-5, weight_decay=0.01)
    n = x.shape[0]
    steps = n // bs
    total, step, losses = steps * epochs, 0, []
    t0 = time.time()
    for epoch in range(epochs):
        model.train()
        perm = torch.randperm(n)
        losses = []
        for b in range(steps):
            lr_now, mom = one_cycle(step, total, lr)
            for g in opt.param_groups:
                g["lr"], g["betas"] = lr_now, (mom, 0.99)
            idx = perm[b * bs:(b + 1) * bs]
            loss = loss_fn(model(x[idx]), y[idx])
            if not torch.isfinite(loss):
                raise SystemExit(f"error: the loss became {float(loss)} at epoch {epoch}, batch {b}")
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(float(loss))
            step += 1
        print(f"{name}epoch {epoch}: train loss {np.mean(losses):.4f} ({time.time() - t0:.0f} s)", flush=True)
    return time.time() - t0, float(np.mean(losses))


def decode(off, anchors):
    """SSD's decoding with variances (0.1, 0.2), as ai.fastdjl.detect.AnchorGrid.decode."""
    aw, ah = anchors[:, 2] - anchors[:, 0], anchors[:, 3] - anchors[:, 1]
    acx, acy = anchors[:, 0] + aw / 2, anchors[:, 1] + ah / 2
    cx, cy = acx + off[:, 0] * 0.1 * aw, acy + off[:, 1] * 0.1 * ah
    w = aw * torch.exp((off[:, 2] * 0.2).clamp(max=math.log(1000 / 16)))
    h = ah * torch.exp((off[:, 3] * 0.2).clamp(max=math.log(1000 / 16)))
    return torch.stack([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], 1).clamp(0, 1)


def iou(a, b):
    lt = torch.max(a[:, None, :2], b[None, :, :2])
    rb = torch.min(a[:, None, 2:], b[None, :, 2:])
    inter = (rb - lt).clamp(min=0).prod(2)
    area = lambda x: (x[:, 2] - x[:, 0]) * (x[:, 3] - x[:, 1])
    union = area(a)[:, None] + area(b)[None, :] - inter
    return torch.where(union > 0, inter / union, torch.zeros_like(inter))


def nms(boxes, scores, thr):
    order = scores.argsort(descending=True)
    keep = []
    while order.numel() > 0:
        i = order[0]
        keep.append(int(i))
        if order.numel() == 1:
            break
        ious = iou(boxes[i:i + 1], boxes[order[1:]])[0]
        order = order[1:][ious <= thr]
    return keep


def detect(out, anchors):
    dets = []  # (scene, class, score, box)
    for s in range(out.shape[0]):
        boxes = decode(out[s, :, :4], anchors)
        probs = out[s, :, 4:].softmax(-1)
        found = []
        for c in range(CLASSES):
            sc = probs[:, c + 1]
            idx = (sc > 0.01).nonzero().flatten()
            if idx.numel() == 0:
                continue
            for k in nms(boxes[idx], sc[idx], 0.45):
                found.append((s, c, float(sc[idx][k]), boxes[idx][k]))
        found.sort(key=lambda d: -d[2])
        dets += found[:200]
    return dets


def voc_map(dets, items, thr=0.5):
    aps = []
    for c in range(CLASSES):
        gts = {}
        for s, cls, box in items:
            if cls == c:
                gts.setdefault(s, []).append(box)
        n = sum(len(v) for v in gts.values())
        if n == 0:
            continue
        found = {s: [False] * len(v) for s, v in gts.items()}
        tp, fp = [], []
        for s, cls, score, box in sorted((d for d in dets if d[1] == c), key=lambda d: -d[2]):
            best, bi = thr, -1
            for j, g in enumerate(gts.get(s, [])):
                o = float(iou(box[None], torch.tensor([g]))[0, 0])
                if not found[s][j] and o >= best:
                    best, bi = o, j
            if bi >= 0:
                found[s][bi] = True
            tp.append(1 if bi >= 0 else 0)
            fp.append(0 if bi >= 0 else 1)
        tp, fp = np.cumsum(tp), np.cumsum(fp)
        rec = tp / n
        prec = tp / np.maximum(tp + fp, 1e-12)
        mrec = np.concatenate([[0], rec, [1]])
        mpre = np.concatenate([[0], prec, [0]])
        for i in range(len(mpre) - 2, -1, -1):
            mpre[i] = max(mpre[i], mpre[i + 1])
        i = np.where(mrec[1:] != mrec[:-1])[0]
        aps.append(float(np.sum((mrec[i + 1] - mrec[i]) * mpre[i + 1])))
    return float(np.mean(aps))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()
    torch.manual_seed(a.seed)
    x = torch.from_numpy(np.load(f"{a.data}/train_x.npy"))
    y = torch.from_numpy(np.load(f"{a.data}/train_y.npy"))
    xv = torch.from_numpy(np.load(f"{a.data}/valid_x.npy"))
    anchors = torch.from_numpy(np.load(f"{a.data}/anchors.npy"))
    items = []
    with open(f"{a.data}/valid_items.tsv") as f:
        next(f)
        for line in f:
            s, c, *b = line.split("\t")
            items.append((int(s), int(c), [float(v) for v in b]))
    model = Ssd()
    model.apply(kaiming)
    train_s, last_loss = fit_one_cycle(model, x, y, ssd_loss, a.epochs, a.lr, 64)
    model.eval()
    with torch.no_grad():
        out = torch.cat([model(xv[i:i + 256]) for i in range(0, xv.shape[0], 256)])
    m = voc_map(detect(out, anchors), items)
    print(json.dumps({"side": "pytorch", "torch": torch.__version__, "map50": round(m, 4),
                      "train_seconds": round(train_s, 1), "last_epoch_loss": round(last_loss, 4)}))


if __name__ == "__main__":
    main()
