#!/usr/bin/env python3
"""The PyTorch peer of lesson 3's SpellingBee (its main model: attention, bidirectional encoder, teacher forcing
always): the same encoder-decoder as ai.fastdjl.seq.Seq2Seq (embeddings of 64 starting uniform in +-0.1; a
bidirectional GRU of 256; a linear bridge with tanh from the encoder's last states to the decoder's first; Bahdanau
attention of 128 dimensions over the non-padding source; a GRU decoder of 256 reading the previous letter and the
context; a linear output from the decoder's output and the context), initialised as DJL initialises it (GRUs uniform
+-1/sqrt(256) as PyTorch; attention Xavier uniform with DJL's magnitude 6; the linear layers' weights Kaiming normal,
DJL's default, biases 0), trained as fastdjl's Learner trains it (batches of 128 sorted by target length within
chunks of 50 batches, sources padded on the left; AdamW with fastai's defaults; one cycle at 3e-3 for 4 epochs; the
gradient norm clipped at 1; cross-entropy over non-padding targets) on the very words SpellingBee uses (exported by
ai.fastdjl.bench.SpellingExport), scored by greedy decoding of the test words. Prints one JSON line.

    tests/bench/spelling_peer.sh        (exports the words, then runs this with 2 threads)
"""
import argparse, json, math, random, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from ssd_peer import one_cycle

PAD, BOS, EOS, FIRST_LETTER = 0, 1, 2, 3
EMB, HIDDEN, ATTN = 64, 256, 128
MAX_LETTERS = 20


def read(path):
    words = []
    with open(path) as f:
        for line in f:
            w, ph = line.rstrip("\n").split("\t")
            words.append((w, ph.split()))
    return words


class Seq2Seq(nn.Module):
    def __init__(self, n_src, n_tgt):
        super().__init__()
        self.src_emb, self.tgt_emb = nn.Embedding(n_src, EMB), nn.Embedding(n_tgt, EMB)
        self.encoder = nn.GRU(EMB, HIDDEN, batch_first=True, bidirectional=True)
        self.bridge = nn.Linear(2 * HIDDEN, HIDDEN)
        self.w_enc = nn.Linear(2 * HIDDEN, ATTN, bias=False)
        self.w_dec = nn.Linear(HIDDEN, ATTN, bias=False)
        self.v = nn.Linear(ATTN, 1, bias=False)
        self.decoder = nn.GRU(EMB + 2 * HIDDEN, HIDDEN, batch_first=True)
        self.out = nn.Linear(HIDDEN + 2 * HIDDEN, n_tgt)
        for e in (self.src_emb, self.tgt_emb):
            nn.init.uniform_(e.weight, -0.1, 0.1)
        for lin in (self.w_enc, self.w_dec, self.v):  # DJL's XavierInitializer(): uniform, fan average, magnitude 6
            fan_out, fan_in = lin.weight.shape
            b = math.sqrt(6 / ((fan_in + fan_out) / 2))
            nn.init.uniform_(lin.weight, -b, b)
        for lin in (self.bridge, self.out):  # DJL's default for weights: Kaiming normal
            nn.init.normal_(lin.weight, 0, math.sqrt(2 / lin.weight.shape[1]))
            nn.init.zeros_(lin.bias)

    def encode(self, src):
        outs, h = self.encoder(self.src_emb(src))
        h0 = torch.tanh(self.bridge(torch.cat([h[0], h[1]], 1)))
        mask_bias = (src != PAD).float().sub(1).mul(1e9)
        return outs, self.w_enc(outs), mask_bias, h0

    def step(self, last, h, outs, keys, mask_bias):
        scores = self.v(torch.tanh(keys + self.w_dec(h).unsqueeze(1))).squeeze(2) + mask_bias
        w = F.softmax(scores, 1)
        ctx = torch.bmm(w.unsqueeze(1), outs).squeeze(1)
        o, hn = self.decoder(torch.cat([self.tgt_emb(last), ctx], 1).unsqueeze(1), h.unsqueeze(0))
        o = o.squeeze(1)
        return self.out(torch.cat([o, ctx], 1)), hn.squeeze(0)

    def forward(self, src, tgt):
        outs, keys, mb, h = self.encode(src)
        last = torch.full((src.shape[0],), BOS, dtype=torch.long)
        logits = []
        for t in range(tgt.shape[1]):
            lg, h = self.step(last, h, outs, keys, mb)
            logits.append(lg)
            last = tgt[:, t]  # teacher forcing always
        return torch.stack(logits, 1)

    @torch.no_grad()
    def greedy(self, src, steps=MAX_LETTERS + 1):
        outs, keys, mb, h = self.encode(src)
        last = torch.full((src.shape[0],), BOS, dtype=torch.long)
        toks = []
        for _ in range(steps):
            lg, h = self.step(last, h, outs, keys, mb)
            last = lg.argmax(1)
            toks.append(last)
        return torch.stack(toks, 1)


def pack(seqs, left):
    n = max(len(s) for s in seqs)
    out = torch.full((len(seqs), n), PAD, dtype=torch.long)
    for i, s in enumerate(seqs):
        if left:
            out[i, n - len(s):] = torch.tensor(s)
        else:
            out[i, :len(s)] = torch.tensor(s)
    return out


def batches(pairs, bs, rng):
    """As ai.fastdjl.text.SortedPairs: shuffle, sort chunks of 50 batches by target length, shuffle the batches."""
    idx = list(range(len(pairs)))
    rng.shuffle(idx)
    chunk = bs * 50
    for c in range(0, len(idx), chunk):
        idx[c:c + chunk] = sorted(idx[c:c + chunk], key=lambda i: -len(pairs[i][1]))
    out = [idx[b:b + bs] for b in range(0, len(idx) // bs * bs, bs)]
    rng.shuffle(out)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--bs", type=int, default=128)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--seed", type=int, default=42)
    a = ap.parse_args()
    torch.manual_seed(a.seed)
    rng = random.Random(a.seed)
    train, test = read(f"{a.data}/train.tsv"), read(f"{a.data}/test.tsv")
    phonemes = ["<pad>"] + sorted({p for _, ph in train for p in ph})
    pid = {p: i for i, p in enumerate(phonemes)}
    enc = lambda w: [FIRST_LETTER + ord(c) - ord("A") for c in w] + [EOS]
    pairs = [([pid[p] for p in ph], enc(w)) for w, ph in train]
    model = Seq2Seq(len(phonemes), FIRST_LETTER + 26)
    params = list(model.parameters())
    opt = torch.optim.AdamW([{"params": [q for q in params if q.ndim > 1]},
                             {"params": [q for q in params if q.ndim <= 1], "weight_decay": 0.0}],
                            lr=a.lr, betas=(0.9, 0.99), eps=1e-5, weight_decay=0.01)
    steps = len(pairs) // a.bs
    total, step = steps * a.epochs, 0
    t0 = time.time()
    losses = []
    for epoch in range(a.epochs):
        model.train()
        losses = []
        for b in batches(pairs, a.bs, rng):
            lr_now, mom = one_cycle(step, total, a.lr)
            for g in opt.param_groups:
                g["lr"], g["betas"] = lr_now, (mom, 0.99)
            src, tgt = pack([pairs[i][0] for i in b], True), pack([pairs[i][1] for i in b], False)
            logits = model(src, tgt)
            loss = F.cross_entropy(logits.reshape(-1, logits.shape[2]), tgt.reshape(-1), ignore_index=PAD)
            if not torch.isfinite(loss):
                raise SystemExit(f"error: the loss became {float(loss)} at epoch {epoch}")
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            losses.append(float(loss))
            step += 1
        print(f"epoch {epoch}: train loss {np.mean(losses):.4f} ({time.time() - t0:.0f} s)", flush=True)
    seconds = time.time() - t0
    model.eval()
    right, right_long, n_long = 0, 0, 0
    by_len = {}
    for ph_len in sorted({len(ph) for _, ph in test}):  # one pronunciation length at a time: no padding
        group = [(w, ph) for w, ph in test if len(ph) == ph_len]
        for c in range(0, len(group), 2048):
            part = group[c:c + 2048]
            toks = model.greedy(torch.tensor([[pid[p] for p in ph] for _, ph in part]))
            for (w, _), row in zip(part, toks.tolist()):
                spelled = "".join(chr(ord("A") + t - FIRST_LETTER) if FIRST_LETTER <= t < FIRST_LETTER + 26 else "?"
                                  for t in (row[:row.index(EOS)] if EOS in row else row))
                ok = spelled == w
                right += ok
                if len(w) >= 10:
                    n_long += 1
                    right_long += ok
    print(json.dumps({"model": "pytorch seq2seq attention", "torch": torch.__version__, "threads":
                      torch.get_num_threads(), "train_words": len(pairs), "test_words": len(test), "epochs": a.epochs,
                      "last_epoch_loss": round(float(np.mean(losses)), 4), "train_seconds": round(seconds, 1),
                      "seconds_per_epoch": round(seconds / a.epochs, 1), "word_accuracy": round(right / len(test), 4),
                      "word_accuracy_10plus": round(right_long / max(1, n_long), 4)}))


if __name__ == "__main__":
    main()
