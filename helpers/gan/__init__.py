"""Generative adversarial networks as an oversampler (the course's Part 3).

A small GAN learns the distribution of one class's rows and then draws new rows from it:

- :class:`GAN`: a Keras 3 ``keras.Model`` whose ``train_step`` plays the two-player game
  (a dense generator against a dense discriminator), with its losses tracked by
  ``keras.metrics.Mean`` and its noise drawn from a seeded ``keras.random.SeedGenerator``;
- :func:`train_gan`: standardise the rows, train a GAN on them, return a
  :class:`TrainedGAN` (generator, loss history, optional snapshots by epoch) whose
  :meth:`~TrainedGAN.sample` returns rows in the original units;
- :class:`GANOverSampler`: an imbalanced-learn sampler (one GAN per class to oversample,
  ``sampling_strategy`` as in ``RandomOverSampler``/``SMOTE``), so it goes into an
  imbalanced-learn ``Pipeline``, ``cross_validate`` and :func:`helpers.compare_samplers`;
- diagnostics of the synthetic rows: :func:`classifier_two_sample_test`,
  :func:`compare_marginals` and :func:`plot_marginals`.

Importing this module imports TensorFlow (a few seconds), which is why ``import helpers``
does not: use ``from helpers.gan import GANOverSampler``. Before TensorFlow loads, this
module sets ``TF_CPP_MIN_LOG_LEVEL=3`` and ``TF_ENABLE_ONEDNN_OPTS=0`` (quiet, and the same
kernels on every CPU) and ``KERAS_BACKEND=tensorflow`` unless they are already set; then it
runs TensorFlow on one thread with deterministic ops, so the same ``random_state`` gives
the same rows on the same machine.
"""

from __future__ import annotations

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import warnings

import tensorflow as tf


def _configure_tensorflow() -> None:
    """One thread per op and between ops, deterministic kernels (before any op runs)."""
    try:
        tf.config.threading.set_intra_op_parallelism_threads(1)
        tf.config.threading.set_inter_op_parallelism_threads(1)
    except RuntimeError:  # TensorFlow was initialised before helpers.gan was imported
        threads = (
            tf.config.threading.get_intra_op_parallelism_threads(),
            tf.config.threading.get_inter_op_parallelism_threads(),
        )
        if threads != (1, 1):
            warnings.warn(
                "helpers.gan: TensorFlow was initialised before helpers.gan was imported, "
                "so its thread counts could not be fixed to 1; GAN samples may differ "
                "between runs. Import helpers.gan before running any TensorFlow code.",
                RuntimeWarning,
                stacklevel=3,
            )
    tf.config.experimental.enable_op_determinism()


_configure_tensorflow()

import keras  # noqa: E402

if keras.backend.backend() != "tensorflow":
    raise ImportError(
        "helpers.gan needs the TensorFlow backend of Keras; KERAS_BACKEND is "
        f"{keras.backend.backend()!r}. Unset it or set KERAS_BACKEND=tensorflow."
    )

from ._diagnostics import (  # noqa: E402
    TwoSampleTest,
    classifier_two_sample_test,
    compare_marginals,
)
from ._model import GAN, discriminator_loss, generator_loss  # noqa: E402
from ._plotting import plot_marginals  # noqa: E402
from ._sampler import GANOverSampler  # noqa: E402
from ._training import MIN_ROWS, TrainedGAN, train_gan  # noqa: E402

__all__ = [
    "GAN",
    "MIN_ROWS",
    "GANOverSampler",
    "TrainedGAN",
    "TwoSampleTest",
    "classifier_two_sample_test",
    "compare_marginals",
    "discriminator_loss",
    "generator_loss",
    "plot_marginals",
    "train_gan",
]
