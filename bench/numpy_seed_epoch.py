"""The seed workload as a hand-written NumPy loop: a peer row for bench/seed-epoch.ts.

Flatten -> Dense 300 relu -> Dense 100 relu -> Dense 10 softmax, glorot-uniform kernels and zero
biases, SGD lr 0.01, sparse categorical cross-entropy, batch 32, shuffled every epoch; 55,000
train + 5,000 validation Fashion-MNIST images / 255 (float32), read from the Debian IDX files.
Validation runs forward in batches of 32, as Keras does. Set OPENBLAS_NUM_THREADS=1 for one thread.

    OPENBLAS_NUM_THREADS=1 python bench/numpy_seed_epoch.py [--epochs 3] [--data DIR]

Prints one JSON object: NumPy's version and, per epoch, seconds (training + validation), loss,
accuracy, val_loss, val_accuracy.
"""

import argparse
import gzip
import json
import os
import time

import numpy as np


def read_idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    ndim = raw[3]
    shape = tuple(int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


def glorot(rng, fan_in, fan_out):
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, size=(fan_in, fan_out)).astype(np.float32)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=0.01)
    args = parser.parse_args()

    images = read_idx(os.path.join(args.data, "train-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(args.data, "train-labels-idx1-ubyte.gz"))
    x_all = (images.reshape(len(images), -1).astype(np.float32)) / np.float32(255)
    y_all = labels.astype(np.int64)
    x_train, y_train = x_all[:55000], y_all[:55000]
    x_valid, y_valid = x_all[55000:60000], y_all[55000:60000]

    rng = np.random.default_rng(42)
    sizes = [784, 300, 100, 10]
    ws = [glorot(rng, a, b) for a, b in zip(sizes[:-1], sizes[1:])]
    bs = [np.zeros(b, np.float32) for b in sizes[1:]]
    lr = np.float32(args.lr)
    batch = args.batch

    def forward(x):
        h1 = np.maximum(x @ ws[0] + bs[0], 0)
        h2 = np.maximum(h1 @ ws[1] + bs[1], 0)
        z = h2 @ ws[2] + bs[2]
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        p = e / e.sum(axis=1, keepdims=True)
        return h1, h2, p

    def batch_loss_acc(p, y):
        py = p[np.arange(len(y)), y]
        return float(-np.log(np.maximum(py, 1e-7)).sum()), int((p.argmax(axis=1) == y).sum())

    epochs = []
    for _ in range(args.epochs):
        t0 = time.perf_counter()
        order = rng.permutation(len(x_train))
        loss_sum, correct = 0.0, 0
        for start in range(0, len(x_train), batch):
            idx = order[start : start + batch]
            x, y = x_train[idx], y_train[idx]
            n = len(y)
            h1, h2, p = forward(x)
            l, c = batch_loss_acc(p, y)
            loss_sum += l
            correct += c
            d3 = p.copy()
            d3[np.arange(n), y] -= 1
            d3 /= np.float32(n)
            d2 = (d3 @ ws[2].T) * (h2 > 0)
            d1 = (d2 @ ws[1].T) * (h1 > 0)
            grads = [(x.T @ d1, d1.sum(0)), (h1.T @ d2, d2.sum(0)), (h2.T @ d3, d3.sum(0))]
            for i, (gw, gb) in enumerate(grads):
                ws[i] -= lr * gw
                bs[i] -= lr * gb
        vloss, vcorrect = 0.0, 0
        for start in range(0, len(x_valid), batch):
            _, _, p = forward(x_valid[start : start + batch])
            l, c = batch_loss_acc(p, y_valid[start : start + batch])
            vloss += l
            vcorrect += c
        epochs.append(
            {
                "seconds": time.perf_counter() - t0,
                "loss": loss_sum / len(x_train),
                "accuracy": correct / len(x_train),
                "val_loss": vloss / len(x_valid),
                "val_accuracy": vcorrect / len(x_valid),
            }
        )
    print(json.dumps({"numpy": np.__version__, "threads": os.environ.get("OPENBLAS_NUM_THREADS"), "epochs": epochs}))


if __name__ == "__main__":
    main()
