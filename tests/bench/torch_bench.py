#!/usr/bin/env python3
"""The PyTorch side of fastdjl's benchmark: the same models as ai.fastdjl.bench.ModelBench, trained for N batches
with the same batch size, initialisation scale, loss and optimizer (AdamW with fastai's defaults, constant LR).
Prints one JSON line: model, samples/s (tokens/s for the language model) after warm-up, peak resident memory (MB),
and the timed training losses' first and last quarter means and whether all were finite (the data have learnable
targets, so a sound run's loss falls)."""
import argparse, json, math, resource, time
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


# --- lesson 2: EmbeddingDotBias (ai.fastdjl.collab.EmbeddingDotBias) on MovieLens-small-sized tables
USERS, ITEMS, FACTORS, Y_RANGE = 611, 9725, 50, (0.0, 5.5)


class DotBias(nn.Module):
    def __init__(self):
        super().__init__()
        self.u, self.i = nn.Embedding(USERS, FACTORS), nn.Embedding(ITEMS, FACTORS)
        self.ub, self.ib = nn.Embedding(USERS, 1), nn.Embedding(ITEMS, 1)
        for e in (self.u, self.i, self.ub, self.ib):
            nn.init.trunc_normal_(e.weight, std=0.01)  # fastai's trunc_normal_(std=0.01)
        self.lo, self.hi = Y_RANGE  # attributes, not the global tuple: scripted_step.py scripts this forward

    def forward(self, x):
        u, i = x[:, 0], x[:, 1]
        r = (self.u(u) * self.i(i)).sum(1, keepdim=True) + self.ub(u) + self.ib(i)
        return torch.sigmoid(r) * (self.hi - self.lo) + self.lo


# --- lesson 5: TabularModel (ai.fastdjl.tabular.TabularModel) with the Rossmann notebook's layers and dropouts
CARDS, N_CONT = (1116, 8, 13, 32, 25, 53, 22), 16


def emb_size(n):  # fastai's emb_sz_rule
    return min(600, round(1.6 * n ** 0.56))


class Tabular(nn.Module):
    def __init__(self, layers=(1000, 500), ps=(0.001, 0.01), emb_p=0.04):
        super().__init__()
        self.embeds = nn.ModuleList(nn.Embedding(c, emb_size(c)) for c in CARDS)
        for e in self.embeds:
            nn.init.trunc_normal_(e.weight, std=0.01)
        self.emb_drop, self.bn_cont = nn.Dropout(emb_p), nn.BatchNorm1d(N_CONT)
        mods, n_in = [], sum(emb_size(c) for c in CARDS) + N_CONT
        for w, p in zip(layers, ps):
            mods += [nn.Linear(n_in, w, bias=False), nn.ReLU(), nn.BatchNorm1d(w), nn.Dropout(p)]
            n_in = w
        self.layers = nn.Sequential(*mods, nn.Linear(n_in, 1))

    def forward(self, cats, conts):
        e = torch.cat([m(cats[:, k]) for k, m in enumerate(self.embeds)], 1)
        x = torch.cat([self.emb_drop(e), self.bn_cont(conts)], 1)
        return torch.sigmoid(self.layers(x)) * 12.0  # a log-sales range, 0 … 1.2·max


# --- lesson 3: AWD-LSTM language model (ai.fastdjl.text.models.LanguageModel): the lesson's sizes, fastai's LM dropouts
VOCAB, EMB, HIDDEN, LAYERS, BPTT = 8000, 128, 192, 3, 70


def rnn_dropout(x, p, training):  # one mask per sequence, the same at every time step
    if not training or p == 0:
        return x
    m = x.new_empty(x.size(0), 1, x.size(2)).bernoulli_(1 - p) / (1 - p)
    return x * m


class WeightDropLstm(nn.Module):
    def __init__(self, n_in, n_hid, weight_p):
        super().__init__()
        k = 1 / n_hid ** 0.5
        self.w_ih = nn.Parameter(torch.empty(4 * n_hid, n_in).uniform_(-k, k))
        self.w_hh = nn.Parameter(torch.empty(4 * n_hid, n_hid).uniform_(-k, k))
        self.b_ih = nn.Parameter(torch.empty(4 * n_hid).uniform_(-k, k))
        self.b_hh = nn.Parameter(torch.empty(4 * n_hid).uniform_(-k, k))
        self.weight_p, self.n_hid = weight_p, n_hid

    def forward(self, x, h):
        w_hh = F.dropout(self.w_hh, self.weight_p, self.training) if self.weight_p > 0 else self.w_hh
        out, hn, cn = torch._VF.lstm(x, h, [self.w_ih, w_hh, self.b_ih, self.b_hh], True, 1, 0.0, self.training,
                                     False, True)
        return out, (hn, cn)


class AwdLstmLm(nn.Module):
    def __init__(self, embed_p=0.02, input_p=0.25, weight_p=0.2, hidden_p=0.15, output_p=0.1):
        super().__init__()
        self.emb = nn.Parameter(torch.empty(VOCAB, EMB).uniform_(-0.1, 0.1))
        self.rnns = nn.ModuleList(WeightDropLstm(EMB if l == 0 else HIDDEN, EMB if l == LAYERS - 1 else HIDDEN,
                                                 weight_p) for l in range(LAYERS))
        self.bias = nn.Parameter(torch.zeros(VOCAB))
        self.p = (embed_p, input_p, hidden_p, output_p)
        self.state = None

    def forward(self, x):
        embed_p, input_p, hidden_p, output_p = self.p
        w = self.emb
        if self.training and embed_p > 0:  # embedding dropout: whole words
            w = w * (w.new_empty(VOCAB, 1).bernoulli_(1 - embed_p) / (1 - embed_p))
        out = rnn_dropout(F.embedding(x, w), input_p, self.training)
        bs, new = x.size(0), []
        for l, rnn in enumerate(self.rnns):
            h = self.state[l] if self.state is not None and self.state[l][0].size(1) == bs else (
                x.new_zeros(1, bs, rnn.n_hid, dtype=torch.float), x.new_zeros(1, bs, rnn.n_hid, dtype=torch.float))
            out, hc = rnn(out, h)
            new.append(tuple(t.detach() for t in hc))  # truncated BPTT: the state carries on, detached
            if l < LAYERS - 1:
                out = rnn_dropout(out, hidden_p, self.training)
        self.state = new
        out = F.dropout(out, output_p, self.training) if output_p > 0 else out
        return (out @ self.emb.t() + self.bias).reshape(-1, VOCAB)  # decoder tied to the embedding


def lm_lengths(n, rng):  # fastai v1's LanguageModelLoader: max(5, int(normal(bptt or bptt/2, 5)))
    return [max(5, int((BPTT if rng.random() < 0.95 else BPTT / 2) + 5 * rng.gauss(0, 1))) for _ in range(n)]


# --- lesson 4: DCGAN generator and critic (ai.fastdjl.gan.DcganModels), quick-run widths, BCE, one critic step per
# generator step, each a batch of its own as the GanTrainer callback alternates them
NOISE = 100


def generator(widths=(32, 16, 8), side=28):
    start = side >> (len(widths) - 1)
    mods = [nn.Linear(NOISE, widths[0] * start * start, bias=False), nn.Unflatten(1, (widths[0], start, start)),
            nn.BatchNorm2d(widths[0]), nn.ReLU()]
    for a, b in zip(widths, widths[1:]):
        mods += [nn.Upsample(scale_factor=2, mode="nearest"), nn.Conv2d(a, b, 3, 1, 1, bias=False),
                 nn.BatchNorm2d(b), nn.ReLU()]
    return nn.Sequential(*mods, nn.Conv2d(widths[-1], 1, 3, 1, 1), nn.Tanh())


def critic(widths=(16, 32, 64), side=28):
    mods, n_in, s = [], 1, side
    for k, w in enumerate(widths):
        mods.append(nn.Conv2d(n_in, w, 4, 2, 1, bias=k == 0))
        if k > 0:
            mods.append(nn.BatchNorm2d(w))
        mods.append(nn.LeakyReLU(0.2))
        n_in, s = w, (s + 2 - 4) // 2 + 1
    return nn.Sequential(*mods, nn.Conv2d(n_in, 1, s, 1, 0), nn.Flatten())


def gan_init(m):
    if isinstance(m, (nn.Conv2d, nn.Linear)):
        nn.init.normal_(m.weight, 0, 0.02)  # DCGAN paper: N(0, 0.02)


def decile_labels(x):
    """ModelBench's BenchData.decileLabels: the decile of each image's mean pixel, so the labels can be learnt and
    the loss falls (a run whose arithmetic went wrong would show it)."""
    ranks = x.flatten(1).mean(1).argsort().argsort()
    return ranks * 10 // len(ranks)


def data(model, n, bs, folder=None):
    """The same rules as ModelBench's BenchData (its own random draws): targets a model can learn.
    The U-Net and the SSD train on lesson 1's scenes instead, read from folder (scenes below)."""
    if model in ("unet", "ssd"):
        return scenes(model, n, bs, folder)
    g = torch.Generator().manual_seed(0)
    if model in ("cnn", "mlp", "dcgan"):
        x = torch.randn(n * bs, 1, 28, 28, generator=g)
        return x, decile_labels(x)
    if model == "dotbias":  # 3 + b_u + b_i + u.i/sqrt(5), biases N(0, 0.5^2), clipped to 0.5-5 stars
        u, i = torch.randint(0, USERS, (n * bs,), generator=g), torch.randint(0, ITEMS, (n * bs,), generator=g)
        fu, fi = torch.randn(USERS, 5, generator=g), torch.randn(ITEMS, 5, generator=g)
        bu, bi = torch.randn(USERS, generator=g), torch.randn(ITEMS, generator=g)
        y = 3 + 0.5 * bu[u] + 0.5 * bi[i] + (fu[u] * fi[i]).sum(1) / 5 ** 0.5
        return torch.stack([u, i], 1), y.clamp(0.5, 5)
    if model == "tabular":  # 8 + sum of per-category effects N(0, 0.3^2) + 0.3 (cont0 - cont1), clipped to 6-10
        cats = torch.stack([torch.randint(0, c, (n * bs,), generator=g) for c in CARDS], 1)
        conts = torch.randn(n * bs, N_CONT, generator=g)
        y = 8 + 0.3 * (conts[:, 0] - conts[:, 1])
        for k, c in enumerate(CARDS):
            y = y + 0.3 * torch.randn(c, generator=g)[cats[:, k]]
        return (cats, conts), y.clamp(6, 10)
    if model == "seq2seq":  # BenchData.spellings: one letter per sound, 3 + (sound - 3) % 26, then EOS (2)
        src = torch.randint(3, SOUNDS, (n * bs, SPELL_LEN), generator=g)
        tgt = torch.cat([3 + (src - 3) % 26, torch.full((n * bs, 1), 2, dtype=torch.long)], 1)
        return src, tgt
    raise SystemExit(f"unknown model {model}")


# --- lesson 3's SpellingBee: ModelBench's source vocabulary, word length and the lesson's letters (+ PAD, BOS, EOS)
SOUNDS, SPELL_LEN, SPELL_VOCAB = 70, 7, 3 + 26


def zipf_tokens(n, generator):
    """BenchData.zipfTokens: tokens drawn from Zipf's law, P(k) proportional to 1/(k+1), as words in text."""
    p = 1 / torch.arange(1, VOCAB + 1, dtype=torch.float64)
    return torch.multinomial(p / p.sum(), n, replacement=True, generator=generator)


def adamw(params, lr=1e-3, betas=(0.9, 0.99), eps=1e-5, wd=0.01):
    """fastai's Adam defaults; like fastai (wd_bn_bias=False) and GroupedOptimizer, no decay on 1-D parameters
    (biases, BatchNorm)."""
    params = [p for p in params if p.requires_grad]
    return torch.optim.AdamW([{"params": [p for p in params if p.ndim > 1]},
                              {"params": [p for p in params if p.ndim <= 1], "weight_decay": 0.0}],
                             lr=lr, betas=betas, eps=eps, weight_decay=wd)


POOL = 200  # ModelBench.POOL: batches of data made and cycled through


def default_batches(model):
    """ModelBench.defaultBatches: timed batches, and as many to warm up first (ModelBench's JVM compiles its training
    loop over the first seconds; PyTorch runs the same count)."""
    return {"awdlstm": 40, "cnn": 200, "dcgan": 200, "ssd": 200, "seq2seq": 200, "unet": 100}.get(model, 1000)


def default_bs(model):
    """ModelBench.defaultBatchSize: 128, but the lessons' own for the language model, the SSD and the U-Net."""
    return {"awdlstm": 64, "ssd": 64, "unet": 32}.get(model, 128)


def scenes(model, n, bs, folder):
    """Lesson 1's first n * bs training scenes as ai.fastdjl.bench.SceneExport wrote them (ModelBench builds the same
    arrays in-process): images and per-pixel classes (unet) or SSD targets on the lesson's anchors (ssd)."""
    import numpy as np
    if folder is None:
        raise SystemExit(f"--model {model} trains on lesson 1's scenes: pass --data, a folder SceneExport wrote "
                         f"(tests/bench/run.sh does it)")
    x = torch.from_numpy(np.load(f"{folder}/train_x.npy")[:n * bs])
    y = torch.from_numpy(np.load(f"{folder}/{'train_mask' if model == 'unet' else 'train_y'}.npy")[:n * bs])
    if x.shape[0] < n * bs:
        raise SystemExit(f"{folder} holds {x.shape[0]} scenes, fewer than the {n * bs} this run needs: export more "
                         f"(SceneExport --train {n * bs})")
    return x, (y.long() if model == "unet" else y)


def build(model):
    """One of the Learner-trained models, initialised as ModelBench's side initialises it."""
    if model in ("unet", "ssd", "seq2seq"):  # their lessons' peers (imported here: they import this file)
        from unet_peer import UNet
        from ssd_peer import Ssd
        from spelling_peer import Seq2Seq  # initialised as DJL initialises fastdjl's, in its constructor
        net = {"unet": lambda: UNet(skips=True), "ssd": Ssd,
               "seq2seq": lambda: Seq2Seq(SOUNDS, SPELL_VOCAB)}[model]()
    else:
        net = {"cnn": resnet, "mlp": mlp, "dotbias": DotBias, "tabular": Tabular}[model]()
    if model in ("cnn", "mlp", "tabular", "unet", "ssd"):
        emb = [m.weight for m in net.modules() if isinstance(m, nn.Embedding)]
        saved = [w.detach().clone() for w in emb]
        net.apply(kaiming)
        with torch.no_grad():  # embeddings keep their truncated normal
            for w, s in zip(emb, saved):
                w.copy_(s)
    for m in net.modules():  # keep the zero-init of each block's last BatchNorm after the generic init
        if type(m).__name__ == "ResBlock":  # the peers' ResBlock is this file's, imported as another module
            nn.init.zeros_(m.convs[4].weight)
    return net


def lr(model):
    return 5e-3 if model == "dotbias" else 1e-3  # ModelBench: lesson 2's collab rate (CollabLearner.LR)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", default="cnn")
    p.add_argument("--batches", type=int, default=None, help="default as ModelBench: 1000 (cnn, dcgan 200; awdlstm 40)")
    p.add_argument("--warmup", type=int, default=None, help="default as --batches (awdlstm 5): ModelBench's JVM needs it")
    p.add_argument("--bs", type=int, default=None, help="default as ModelBench: 128 (awdlstm and ssd 64, unet 32)")
    p.add_argument("--data", default=None, help="unet, ssd: the folder SceneExport wrote")
    p.add_argument("--seed", type=int, default=1, help="torch.manual_seed before the model is made (as ModelBench's)")
    a = p.parse_args()
    bs = a.bs or default_bs(a.model)
    a.batches = a.batches or default_batches(a.model)
    a.warmup = a.warmup if a.warmup is not None else (5 if a.model == "awdlstm" else default_batches(a.model))
    torch.manual_seed(a.seed)
    if a.model == "awdlstm":
        return lm(a, bs)
    if a.model == "dcgan":
        return gan(a, bs)
    net = build(a.model)
    pool = min(a.warmup + a.batches, POOL)
    x, y = data(a.model, pool, bs, a.data)
    opt = adamw(net.parameters(), lr=lr(a.model))
    if a.model == "ssd":
        from ssd_peer import ssd_loss
    net.train()
    start, losses = None, []
    for i in range(a.warmup + a.batches):
        if i == a.warmup:
            start = time.perf_counter()
        sl = slice(i % pool * bs, (i % pool + 1) * bs)  # the pool cycled, as ModelBench's epochs over it
        if a.model == "tabular":
            loss = F.mse_loss(net(x[0][sl], x[1][sl]).squeeze(1), y[sl])
        elif a.model == "dotbias":
            loss = F.mse_loss(net(x[sl]).squeeze(1), y[sl])
        elif a.model == "ssd":
            loss = ssd_loss(net(x[sl]), y[sl])
        elif a.model == "seq2seq":  # teacher forcing always, padding ignored (none here), the lesson's clip at 1
            loss = F.cross_entropy(net(x[sl], y[sl]).reshape(-1, SPELL_VOCAB), y[sl].reshape(-1), ignore_index=0)
        else:
            loss = F.cross_entropy(net(x[sl]), y[sl])
        opt.zero_grad()
        loss.backward()
        if a.model == "seq2seq":
            nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        opt.step()
        losses.append(loss.item())  # the Java side reads each batch's loss too (its recorder)
    report(a.model, a.batches * bs / (time.perf_counter() - start), losses[a.warmup:])


def lm(a, bs):
    """Tokens/s of AWD-LSTM LM training: bs rows of zipf_tokens, read with fastai's random BPTT lengths, gradient
    norm clipped at 0.25 as the AWD-LSTM paper (TextLearners.CLIP)."""
    import random
    rng = random.Random(0)
    net = AwdLstmLm()
    lengths = lm_lengths(a.warmup + a.batches, rng)
    stream = zipf_tokens(bs * (sum(lengths) + 1), torch.Generator().manual_seed(0)).reshape(bs, -1)
    opt = adamw(net.parameters())
    net.train()
    start, pos, tokens, losses = None, 0, 0, []
    for i, n in enumerate(lengths):
        if i == a.warmup:
            start = time.perf_counter()
        xb, yb = stream[:, pos:pos + n], stream[:, pos + 1:pos + n + 1].reshape(-1)
        pos += n
        loss = F.cross_entropy(net(xb), yb)
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(net.parameters(), 0.25)
        opt.step()
        losses.append(loss.item())
        if i >= a.warmup:
            tokens += bs * n
    report(a.model, tokens / (time.perf_counter() - start), losses[a.warmup:])


def softplus_bce(real, fake):  # ai.fastdjl.gan.GanLoss.bce on logits
    return (F.softplus(-real).mean() + F.softplus(fake).mean()) / 2


def gan(a, bs):
    """Images/s of DCGAN training: batches alternate a critic step (real batch + noise) and a generator step (noise),
    one optimizer over both networks, the idle one frozen (GanModule + GanTrainer)."""
    g, c = generator(), critic()
    g.apply(gan_init)
    c.apply(gan_init)
    pool = min(a.warmup + a.batches, POOL)
    x, _ = data("dcgan", pool, bs)
    opt = adamw(list(g.parameters()) + list(c.parameters()))
    g.train()
    c.train()
    start, losses = None, []
    for i in range(a.warmup + a.batches):
        if i == a.warmup:
            start = time.perf_counter()
        critic_step = i % 2 == 0
        for q in g.parameters():
            q.requires_grad_(not critic_step)
        for q in c.parameters():
            q.requires_grad_(critic_step)
        noise = torch.randn(bs, NOISE)
        if critic_step:
            loss = softplus_bce(c(x[i % pool * bs:(i % pool + 1) * bs]), c(g(noise)))
        else:
            loss = F.softplus(-c(g(noise))).mean()
        opt.zero_grad(set_to_none=True)  # the frozen network's parameters keep no gradient: AdamW skips them
        loss.backward()
        opt.step()
        losses.append(loss.item())
    report(a.model, a.batches * bs / (time.perf_counter() - start), losses[a.warmup:])


def report(model, per_sec, losses):
    """One JSON line; as ModelBench, the timed losses' mean over their first and last quarter (an even count, so a
    GAN's alternating critic and generator steps weigh the same in both) and whether all were finite."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    w = max(2, len(losses) // 4 // 2 * 2)
    first, last = sum(losses[:w]) / w, sum(losses[-w:]) / w
    print(json.dumps({"model": model, "samples_per_sec": per_sec, "peak_rss_mb": rss, "loss_first": first,
                      "loss_last": last, "finite": all(math.isfinite(v) for v in losses), "torch": torch.__version__}))


if __name__ == "__main__":
    main()
