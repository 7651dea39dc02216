"""Benchmark: nnlib's Trainer against Keras' model.fit at each of its speed settings.

`make bench` runs this file. In one process, on the same 784-50-10 network (ReLU
hidden layer, softmax output), the same 60,000 MNIST training images, the same batch
size (256), loss, optimizer and starting weights, it trains with:

- `nnlib.trainer.Trainer` at its defaults, and the same Trainer without XLA;
- `model.fit` at its compile defaults, and at each of `steps_per_execution` in
  (1, 8, 32, 128) with `jit_compile` False and True (Keras' two speed settings).

All train without validation, one epoch of each in turn, so that all see the same
load on the machine, in a new (seeded) random order every round. A warm-up epoch of each
comes first (it traces and compiles); the epochs after it are timed. It prints each
row's fastest and median epoch and compares the Trainer with the *fastest* `fit`
row: on a shared machine, other work only ever slows an epoch down, so the fastest
epoch is the most repeatable measure.

It also measures the machine's float32 matrix-multiplication throughput (a large
square `tf.matmul`, best of several runs before and after training) and the time one
epoch's matrix products would take at that speed, the epoch's *matmul time*: the
forward and backward passes cost N x (4 x 784 x 50 + 6 x 50 x 10) floating-point
operations for N examples (the first layer needs no gradient with respect to its
input, see `epoch_flops`). Each row is reported as a multiple of that time, a
yardstick rather than a limit: the thin products of a step need not run at the speed
of one large square product, in either direction.

The book's Performance page (book/reference/performance.md) runs this file at build
time, in a fresh process, with `--epochs 5 --json` and reads the results.

    python benchmarks/bench.py [--epochs 5] [--json results.json]
"""

import argparse
import json
import os
import random
import statistics
import sys
import time

if __name__ == "__main__":  # quiet TensorFlow's start-up log lines on the command line
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

import nnlib  # noqa: E402

LAYER_SIZES = (784, 50, 10)
BATCH_SIZE = 256
LEARNING_RATE = 0.1


def epoch_flops(num_examples, layer_sizes=LAYER_SIZES):
    """Floating-point operations of one training epoch of a dense network.

    The forward pass of a dense layer costs 2 x in x out operations per example (a
    multiply and an add per weight). The backward pass costs the same again for the
    gradient with respect to the weights and, for every layer but the first, once
    more for the gradient with respect to the layer's input, which the layer below
    needs; the first layer's input is the data, whose gradient nobody needs. So the
    first layer costs 2 x its forward pass and every other layer 3 x: for 784-50-10,
    N x (4 x 784 x 50 + 6 x 50 x 10).
    """
    pairs = list(zip(layer_sizes[:-1], layer_sizes[1:]))
    first = 2 * 2 * pairs[0][0] * pairs[0][1]
    others = sum(3 * 2 * a * b for a, b in pairs[1:])
    return num_examples * (first + others)


def matmul_gflops(size=2048, repeats=10):
    """Measured float32 throughput of `tf.matmul` on size x size matrices, GFLOP/s."""
    a = tf.random.normal([size, size])
    b = tf.random.normal([size, size])
    matmul = tf.function(lambda a, b: tf.reduce_sum(tf.matmul(a, b)))
    matmul(a, b).numpy()  # trace and warm up
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        matmul(a, b).numpy()
        best = min(best, time.perf_counter() - start)
    return 2 * size**3 / best / 1e9


def load_data():
    """MNIST training images as (60000, 784) float32 in [0, 1] and int32 labels."""
    (x, y), _ = nnlib.data.load_mnist()
    return x.reshape(len(x), -1).astype(np.float32) / 255.0, y.astype(np.int32)


def make_model():
    """The book's network as a Keras model: 784 -> 50 (ReLU) -> 10 (softmax)."""
    return tf.keras.Sequential([
        tf.keras.Input((LAYER_SIZES[0],)),
        tf.keras.layers.Dense(LAYER_SIZES[1], activation="relu"),
        tf.keras.layers.Dense(LAYER_SIZES[2], activation="softmax"),
    ])


class _EpochTimer(tf.keras.callbacks.Callback):
    """Times each epoch of model.fit from its beginning to its end."""

    def __init__(self):
        super().__init__()
        self.seconds = []

    def on_epoch_begin(self, epoch, logs=None):
        self._start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.seconds.append(time.perf_counter() - self._start)


# Keras' two speed settings; 128 is also the Trainer's default steps_per_execution.
FIT_SETTINGS = [(steps, jit) for steps in (1, 8, 32, 128) for jit in (False, True)]


def fit_name(steps_per_execution=None, jit_compile=None):
    """The row name of `model.fit` at a setting; no arguments: its compile defaults."""
    if steps_per_execution is None:
        return "Keras fit, defaults"
    return f"Keras fit, spe={steps_per_execution}{', XLA' if jit_compile else ''}"


def _fit_runs(x, y, weights):
    """One epoch of `model.fit` at each setting, as functions returning its seconds."""
    runs = {}
    for setting in [{}] + [dict(steps_per_execution=s, jit_compile=j)
                           for s, j in FIT_SETTINGS]:
        model = make_model()
        model.set_weights(weights)
        model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=LEARNING_RATE),
                      loss="sparse_categorical_crossentropy", **setting)
        timer = _EpochTimer()

        def epoch(model=model, timer=timer):
            model.fit(x, y, batch_size=BATCH_SIZE, epochs=1, verbose=0, callbacks=[timer])
            return timer.seconds[-1]

        runs[fit_name(**setting)] = epoch
    return runs


def _trainer_runs(x, y, weights):
    """One epoch of the Trainer, at its defaults and without XLA."""
    runs = {}
    for name, setting in [("nnlib Trainer", {}),
                          ("nnlib Trainer, no XLA", {"jit_compile": False})]:
        model = make_model()
        model.set_weights(weights)
        trainer = nnlib.trainer.Trainer(
            model, loss=tf.keras.losses.SparseCategoricalCrossentropy(),
            optimizer=tf.keras.optimizers.SGD(learning_rate=LEARNING_RATE), **setting)

        def epoch(trainer=trainer):
            history = trainer.fit((x, y), batch_size=BATCH_SIZE, num_epochs=1, verbose=0)
            return history.epoch_seconds[0]

        runs[name] = epoch
    return runs


def run_benchmark(num_epochs=5, x=None, y=None):
    """Runs the benchmark and returns its results as a dict (see `main` for a table).

    Args:
        num_epochs: Timed epochs of each row, after one warm-up epoch of each.
        x, y: Training data; default the 60,000 MNIST training images.
    """
    if x is None:
        x, y = load_data()
    # Seeded, but without nnlib.seed's op determinism: deterministic mode makes
    # tf.data run fit's parallel input pipeline sequentially, and keeps Keras from
    # choosing XLA, which is not how fit runs by default.
    tf.keras.utils.set_random_seed(0)
    weights = make_model().get_weights()  # every row starts from these
    runs = {**_trainer_runs(x, y, weights), **_fit_runs(x, y, weights)}
    names = list(runs)
    seconds = {name: [] for name in names}
    gflops_before = matmul_gflops()
    for epoch in range(num_epochs + 1):  # epoch 0 is the warm-up of each
        # One epoch of each in turn, in a new order every round, so that none always
        # follows another.
        for name in random.Random(epoch).sample(names, len(names)):
            epoch_seconds = runs[name]()
            if epoch > 0:
                seconds[name].append(epoch_seconds)
    # The best of before and after: other work on the machine only ever slows it.
    gflops = max(gflops_before, matmul_gflops())
    matmul_seconds = epoch_flops(len(x)) / (gflops * 1e9)
    results = {
        "num_examples": len(x),
        "batch_size": BATCH_SIZE,
        "layer_sizes": list(LAYER_SIZES),
        "num_epochs": num_epochs,
        "cores": os.cpu_count(),  # the machine's logical CPUs
        "usable_cores": len(os.sched_getaffinity(0)),  # those this process may use
        "versions": nnlib.utils.versions(),
        "trainer_steps_per_execution": nnlib.trainer.Trainer(
            make_model(), tf.keras.losses.MeanSquaredError(),
            tf.keras.optimizers.SGD()).steps_per_execution,
        "matmul_gflops": gflops,
        "epoch_flops": epoch_flops(len(x)),
        "matmul_seconds": matmul_seconds,
        "runs": {},
    }
    for name, times in seconds.items():
        best = min(times)
        results["runs"][name] = {
            "epoch_seconds": times,
            "best_seconds": best,
            "median_seconds": statistics.median(times),
            "epochs_per_second": 1.0 / best,
            "times_matmul": [s / matmul_seconds for s in times],
            "best_times_matmul": best / matmul_seconds,
        }
    best = {name: run["best_seconds"] for name, run in results["runs"].items()}
    fastest_fit = min((n for n in best if n.startswith("Keras fit")), key=best.get)
    results["fastest_fit"] = fastest_fit
    results["speedup"] = best[fastest_fit] / best["nnlib Trainer"]
    results["speedup_without_xla"] = best[fastest_fit] / best["nnlib Trainer, no XLA"]
    results["speedup_vs_fit_defaults"] = best[fit_name()] / best["nnlib Trainer"]
    return results


def format_table(results):
    """The results as a plain-text table."""
    lines = [
        f"{results['num_examples']} examples, batch size {results['batch_size']}, "
        f"network {'-'.join(map(str, results['layer_sizes']))}, "
        f"{results['num_epochs']} timed epochs after 1 warm-up, "
        f"{results['usable_cores']} of {results['cores']} logical CPUs; the Trainer at its defaults runs "
        f"{results['trainer_steps_per_execution']} steps per call, with XLA",
        "",
        f"{'row':<24}{'best s':>8}{'median s':>10}{'epochs/s':>10}{'x matmul':>9}"
        f"   each epoch x matmul time",
    ]
    for name, run in results["runs"].items():
        each = " ".join(f"{r:.1f}" for r in run["times_matmul"])
        lines.append(f"{name:<24}{run['best_seconds']:>8.3f}{run['median_seconds']:>10.3f}"
                     f"{run['epochs_per_second']:>10.2f}{run['best_times_matmul']:>9.1f}   {each}")
    lines += [
        "",
        f"nnlib Trainer vs the fastest fit row ({results['fastest_fit']}): "
        f"{results['speedup']:.2f}x as many epochs per second (fastest epochs); "
        f"without XLA {results['speedup_without_xla']:.2f}x; vs fit at its defaults "
        f"{results['speedup_vs_fit_defaults']:.2f}x",
        f"float32 matmul (2048 x 2048): {results['matmul_gflops']:.1f} GFLOP/s; an "
        f"epoch's matrix products are {results['epoch_flops'] / 1e9:.2f} GFLOP, "
        f"{results['matmul_seconds']:.3f} s at that speed, the matmul time ('x matmul' = "
        f"epoch time / matmul time, a yardstick, not a limit)",
    ]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=5, help="timed epochs of each")
    parser.add_argument("--json", help="also write the results to this JSON file")
    args = parser.parse_args(argv)
    results = run_benchmark(num_epochs=args.epochs)
    print(format_table(results))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
