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

import threading
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from numbers import Integral, Real
from typing import Any

import numpy as np
import pandas as pd
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
from imblearn.over_sampling.base import BaseOverSampler  # noqa: E402
from sklearn.utils._param_validation import Interval  # noqa: E402

from ._validation import (  # noqa: E402
    check_features,
    check_positive_int,
    check_random_state_arg,
)

if keras.backend.backend() != "tensorflow":
    raise ImportError(
        "helpers.gan needs the TensorFlow backend of Keras; KERAS_BACKEND is "
        f"{keras.backend.backend()!r}. Unset it or set KERAS_BACKEND=tensorflow."
    )

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

#: Fewest rows a GAN is trained on: below that, use SMOTE or random oversampling.
MIN_ROWS = 10

# Batches run per call of the compiled training function (a tf.while_loop): one call
# covers several epochs of a small class, which removes most of Keras's per-step overhead.
_STEPS_PER_EXECUTION = 256


# --- the model ----------------------------------------------------------------------------
def discriminator_loss(real_logits: Any, fake_logits: Any) -> Any:
    r"""Binary cross-entropy of the discriminator: real rows are labelled 1, fakes 0.

    With :math:`D = \sigma(\text{logit})`, it is
    :math:`-\operatorname{mean}\log D(x) - \operatorname{mean}\log(1 - D(G(z)))`,
    computed from logits as ``softplus(-real) + softplus(fake)`` (numerically stable).
    """
    ops = keras.ops
    real_logits = ops.convert_to_tensor(real_logits, dtype="float32")
    fake_logits = ops.convert_to_tensor(fake_logits, dtype="float32")
    return ops.mean(ops.softplus(-real_logits)) + ops.mean(ops.softplus(fake_logits))


def generator_loss(fake_logits: Any) -> Any:
    r"""The generator's non-saturating loss :math:`-\operatorname{mean}\log D(G(z))`.

    Goodfellow et al. (2014) suggest it instead of minimising
    :math:`\log(1 - D(G(z)))`, whose gradient vanishes while the discriminator still
    wins easily (early in training).
    """
    fake_logits = keras.ops.convert_to_tensor(fake_logits, dtype="float32")
    return keras.ops.mean(keras.ops.softplus(-fake_logits))


def _dense_network(
    n_inputs: int, n_outputs: int, hidden_units: int, activation: str, name: str
) -> keras.Sequential:
    return keras.Sequential(
        [
            keras.Input(shape=(n_inputs,)),
            keras.layers.Dense(hidden_units, activation=activation),
            keras.layers.Dense(hidden_units, activation=activation),
            keras.layers.Dense(n_outputs),
        ],
        name=name,
    )


class GAN(keras.Model):
    """A generative adversarial network for tabular rows (Goodfellow et al., 2014).

    The generator maps Gaussian noise of ``latent_dim`` dimensions to a row of
    ``n_features`` values; the discriminator maps a row to a logit ("how real does it
    look?"). Both are dense networks with two hidden layers of ``hidden_units``. Train it
    with ``fit`` on standardised rows (:func:`train_gan` does all of this).

    Parameters
    ----------
    n_features : int
        Number of columns of the rows.
    latent_dim : int, default=8
        Size of the noise vector the generator starts from.
    hidden_units : int, default=64
        Width of the hidden layers of both networks.
    seed : int, default=0
        Seed of the weights and of the noise drawn in ``train_step``.

    Examples
    --------
    >>> gan = GAN(n_features=2, latent_dim=4, hidden_units=8, seed=0)
    >>> gan.compile(learning_rate=1e-3)
    >>> [m.name for m in gan.metrics]
    ['d_loss', 'g_loss', 'real_score', 'fake_score']
    """

    def __init__(
        self, n_features: int, *, latent_dim: int = 8, hidden_units: int = 64, seed: int = 0
    ) -> None:
        super().__init__()
        self.n_features = check_positive_int(n_features, "n_features")
        self.latent_dim = check_positive_int(latent_dim, "latent_dim")
        self.hidden_units = check_positive_int(hidden_units, "hidden_units")
        self.generator = _dense_network(latent_dim, n_features, hidden_units, "relu", "generator")
        self.discriminator = _dense_network(
            n_features, 1, hidden_units, "leaky_relu", "discriminator"
        )
        self.seed_generator = keras.random.SeedGenerator(int(seed))
        self.d_loss_tracker = keras.metrics.Mean(name="d_loss")
        self.g_loss_tracker = keras.metrics.Mean(name="g_loss")
        # Mean D(x) on real rows and on fakes: 0.5 and 0.5 is a discriminator fooled.
        self.real_score_tracker = keras.metrics.Mean(name="real_score")
        self.fake_score_tracker = keras.metrics.Mean(name="fake_score")
        self.initialize(int(seed))

    @property
    def metrics(self) -> list[keras.metrics.Metric]:
        # Listed here so that fit() resets them at the start of every epoch.
        return [
            self.d_loss_tracker,
            self.g_loss_tracker,
            self.real_score_tracker,
            self.fake_score_tracker,
        ]

    def compile(self, learning_rate: float = 1e-3, **kwargs: Any) -> None:
        """Give each network its own Adam optimiser (``beta_1=0.5``, as DCGAN does)."""
        super().compile(steps_per_execution=_STEPS_PER_EXECUTION, **kwargs)
        self.d_optimizer = keras.optimizers.Adam(learning_rate=learning_rate, beta_1=0.5)
        self.g_optimizer = keras.optimizers.Adam(learning_rate=learning_rate, beta_1=0.5)
        self.d_optimizer.build(self.discriminator.trainable_variables)
        self.g_optimizer.build(self.generator.trainable_variables)
        self._fresh_optimizer_state = [
            [v.numpy() for v in opt.variables] for opt in (self.d_optimizer, self.g_optimizer)
        ]

    def initialize(self, seed: int, learning_rate: float | None = None) -> None:
        """Start again from fresh weights drawn with ``seed`` (Glorot uniform, zero biases),
        fresh optimiser state and the noise stream of ``seed``."""
        rng = np.random.default_rng(seed)
        for network in (self.generator, self.discriminator):
            for layer in network.layers:
                fan_in, fan_out = layer.kernel.shape
                limit = np.sqrt(6.0 / (fan_in + fan_out))
                layer.kernel.assign(rng.uniform(-limit, limit, (fan_in, fan_out)).astype("f4"))
                layer.bias.assign(np.zeros(fan_out, dtype="f4"))
        self.seed_generator.state.assign(np.array([seed, 0], dtype="uint32"))
        if getattr(self, "_fresh_optimizer_state", None) is not None:
            for opt, values in zip(
                (self.d_optimizer, self.g_optimizer), self._fresh_optimizer_state, strict=True
            ):
                for variable, value in zip(opt.variables, values, strict=True):
                    variable.assign(value)
                if learning_rate is not None:
                    opt.learning_rate = learning_rate

    def call(self, z: Any, training: bool = False) -> Any:
        """Generate rows (in standardised units) from noise ``z``."""
        return self.generator(z, training=training)

    def train_step(self, real: Any) -> dict[str, Any]:
        """One round of the game on a batch of real rows.

        1. The discriminator learns to tell this batch (label 1) from as many fakes
           (label 0), the generator held fixed.
        2. The generator learns to make fresh fakes the discriminator calls real,
           the discriminator held fixed.
        """
        batch_size = keras.ops.shape(real)[0]

        # 1. Discriminator step: ascend log D(x) + log(1 - D(G(z))).
        z = keras.random.normal((batch_size, self.latent_dim), seed=self.seed_generator)
        fake = self.generator(z, training=True)
        with tf.GradientTape() as tape:
            real_logits = self.discriminator(real, training=True)
            fake_logits = self.discriminator(fake, training=True)
            d_loss = discriminator_loss(real_logits, fake_logits)
        grads = tape.gradient(d_loss, self.discriminator.trainable_weights)
        self.d_optimizer.apply_gradients(
            zip(grads, self.discriminator.trainable_weights, strict=True)
        )

        # 2. Generator step: ascend log D(G(z)) through the (frozen) discriminator.
        z = keras.random.normal((batch_size, self.latent_dim), seed=self.seed_generator)
        with tf.GradientTape() as tape:
            fake_logits = self.discriminator(self.generator(z, training=True), training=True)
            g_loss = generator_loss(fake_logits)
        grads = tape.gradient(g_loss, self.generator.trainable_weights)
        self.g_optimizer.apply_gradients(zip(grads, self.generator.trainable_weights, strict=True))

        self.d_loss_tracker.update_state(d_loss)
        self.g_loss_tracker.update_state(g_loss)
        self.real_score_tracker.update_state(keras.ops.mean(keras.ops.sigmoid(real_logits)))
        self.fake_score_tracker.update_state(keras.ops.mean(keras.ops.sigmoid(fake_logits)))
        return {m.name: m.result() for m in self.metrics}


# Compiling the training function (tracing the graph) costs more than training a small GAN
# for a few hundred epochs. Models are therefore kept per architecture and re-initialised
# from the seed before each training run: same result as a new model, without the tracing.
_MODELS: dict[tuple[int, int, int], GAN] = {}
_MODELS_LOCK = threading.Lock()


def _model_for(n_features: int, latent_dim: int, hidden_units: int) -> GAN:
    key = (n_features, latent_dim, hidden_units)
    if key not in _MODELS:
        model = GAN(n_features, latent_dim=latent_dim, hidden_units=hidden_units)
        model.compile()
        _MODELS[key] = model
    return _MODELS[key]


def _copy_network(network: keras.Sequential) -> keras.Sequential:
    clone = keras.models.clone_model(network)
    clone.set_weights(network.get_weights())
    return clone


@dataclass
class TrainedGAN:
    """A GAN trained by :func:`train_gan`: its networks, history and the scaling it used.

    Attributes
    ----------
    generator, discriminator : keras.Sequential
        The trained networks (copies, independent of later training runs). They work in
        standardised units: :meth:`sample` converts back.
    history : DataFrame
        One row per ``log_every`` epochs (index ``epoch``: epochs done so far), averaged
        over those epochs: ``d_loss``, ``g_loss`` and the mean discriminator output on
        real rows (``real_score``) and on fakes (``fake_score``).
    mean_, scale_ : ndarray of shape (n_features,)
        Standardisation of the training rows (a constant column has ``scale_ = 0`` and is
        generated as that constant).
    latent_dim : int
        Size of the noise vector.
    snapshots : dict of int -> ndarray
        Generated rows (original units) for one fixed noise batch at the requested epochs.
    feature_names : list of str or None
        Column names when trained on a DataFrame.
    """

    generator: keras.Sequential
    discriminator: keras.Sequential
    history: pd.DataFrame
    mean_: np.ndarray
    scale_: np.ndarray
    latent_dim: int
    snapshots: dict[int, np.ndarray] = field(default_factory=dict)
    feature_names: list[str] | None = None

    def _to_original_units(self, Z: np.ndarray) -> np.ndarray:
        X = Z * self.scale_ + self.mean_
        constant = self.scale_ == 0
        X[:, constant] = self.mean_[constant]
        return X

    def sample(self, n_samples: int, *, random_state: int | None = None) -> np.ndarray:
        """Draw ``n_samples`` new rows, in the units of the training data.

        Parameters
        ----------
        n_samples : int
            Number of rows (0 gives an empty array).
        random_state : int or None
            Seed of the noise fed to the generator.

        Returns
        -------
        ndarray of shape (n_samples, n_features)
        """
        n_samples = check_positive_int(n_samples, "n_samples", minimum=0)
        check_random_state_arg(random_state)
        rng = np.random.default_rng(_seed_from(random_state))
        z = rng.standard_normal((n_samples, self.latent_dim)).astype("float32")
        if n_samples == 0:
            return np.empty((0, len(self.mean_)))
        out = keras.ops.convert_to_numpy(self.generator(z, training=False)).astype(float)
        return self._to_original_units(out)


def _seed_from(random_state: Any) -> int | None:
    """An int seed for Keras/NumPy from None, an int or a NumPy generator."""
    if random_state is None or isinstance(random_state, (int, np.integer)):
        return None if random_state is None else int(random_state) % (2**31 - 1)
    if isinstance(random_state, np.random.Generator):
        return int(random_state.integers(2**31 - 1))
    return int(random_state.randint(2**31 - 1))  # np.random.RandomState


def _check_training_params(
    epochs: Any, batch_size: Any, latent_dim: Any, hidden_units: Any, learning_rate: Any
) -> tuple[int, int, int, int, float]:
    epochs = check_positive_int(epochs, "epochs")
    batch_size = check_positive_int(batch_size, "batch_size", minimum=2)
    latent_dim = check_positive_int(latent_dim, "latent_dim")
    hidden_units = check_positive_int(hidden_units, "hidden_units")
    if isinstance(learning_rate, bool) or not isinstance(learning_rate, Real):
        raise TypeError(f"learning_rate must be a number, got {type(learning_rate).__name__}.")
    if not (np.isfinite(learning_rate) and learning_rate > 0):
        raise ValueError(f"learning_rate must be a positive number, got {learning_rate}.")
    return epochs, batch_size, latent_dim, hidden_units, float(learning_rate)


def train_gan(
    X: Any,
    *,
    epochs: int = 300,
    batch_size: int = 32,
    latent_dim: int = 8,
    hidden_units: int = 64,
    learning_rate: float = 1e-3,
    random_state: int | None = 0,
    log_every: int | None = None,
    snapshot_epochs: Sequence[int] | None = None,
    n_snapshot_samples: int = 500,
    verbose: int = 0,
) -> TrainedGAN:
    """Train a :class:`GAN` on the rows of ``X`` (typically one class) and return it.

    The columns are standardised first (mean 0, standard deviation 1: a GAN's networks
    learn badly from raw units of very different scales) and the generated rows are
    converted back by :meth:`TrainedGAN.sample`.

    Parameters
    ----------
    X : array-like or DataFrame of shape (n_rows, n_features)
        Numeric rows without missing values, at least :data:`MIN_ROWS` of them.
    epochs : int, default=300
        Passes over the rows. Each pass is ``n_rows // batch_size`` steps of the game.
    batch_size : int, default=32
        Rows per step (capped at ``n_rows``).
    latent_dim : int, default=8
        Size of the generator's noise vector.
    hidden_units : int, default=64
        Width of the two hidden layers of each network.
    learning_rate : float, default=1e-3
        Adam's learning rate for both networks.
    random_state : int, numpy Generator or None, default=0
        Seed of the weights, the noise and the batch order. The same seed gives the same
        GAN on the same machine. No global seed (NumPy's, Python's, TensorFlow's) is read
        or changed.
    log_every : int, optional
        Record the losses (averaged over the last ``log_every`` epochs) every
        ``log_every`` epochs; it must divide ``epochs``. By default the largest divisor of
        ``epochs`` that is at most ``epochs // 10`` (every 30 epochs for 300, every epoch
        below 20). Each record is one call of ``keras.Model.fit``, whose bookkeeping costs
        more than the training steps of a small class: fewer records train faster.
    snapshot_epochs : sequence of int, optional
        Multiples of ``log_every`` after which to record the generator's output for one
        fixed batch of ``n_snapshot_samples`` noise vectors (see
        :attr:`TrainedGAN.snapshots`), to watch training progress.
    n_snapshot_samples : int, default=500
        Rows per snapshot.
    verbose : int, default=0
        Passed to ``keras.Model.fit`` (0 = silent).

    Returns
    -------
    TrainedGAN

    Examples
    --------
    >>> import numpy as np
    >>> X = np.random.default_rng(0).normal(loc=[5.0, -3.0], size=(64, 2))
    >>> gan = train_gan(X, epochs=5, batch_size=16, random_state=0)
    >>> gan.history.columns.tolist()
    ['d_loss', 'g_loss', 'real_score', 'fake_score']
    >>> gan.sample(3, random_state=0).shape
    (3, 2)
    """
    feature_names = [str(c) for c in X.columns] if isinstance(X, pd.DataFrame) else None
    data = check_features(X, "X")
    if data.shape[0] < MIN_ROWS:
        raise ValueError(
            f"X has {data.shape[0]} rows; a GAN needs at least MIN_ROWS={MIN_ROWS} to learn "
            "from. For so few rows use SMOTE or RandomOverSampler."
        )
    epochs, batch_size, latent_dim, hidden_units, learning_rate = _check_training_params(
        epochs, batch_size, latent_dim, hidden_units, learning_rate
    )
    check_random_state_arg(random_state)
    if log_every is None:
        log_every = max(d for d in range(1, max(1, epochs // 10) + 1) if epochs % d == 0)
    log_every = check_positive_int(log_every, "log_every")
    if epochs % log_every:
        raise ValueError(f"log_every={log_every} must divide epochs={epochs}.")
    if snapshot_epochs is not None:
        snapshot_epochs = [check_positive_int(e, "snapshot_epochs") for e in snapshot_epochs]
        bad = [e for e in snapshot_epochs if e > epochs or e % log_every]
        if bad:
            raise ValueError(
                f"snapshot_epochs must be multiples of log_every={log_every} up to "
                f"epochs={epochs}; these are not: {bad}."
            )
    n_snapshot_samples = check_positive_int(n_snapshot_samples, "n_snapshot_samples")
    seed = _seed_from(random_state)
    if seed is None:
        seed = int(np.random.default_rng().integers(2**31 - 1))

    mean = data.mean(axis=0)
    scale = data.std(axis=0)
    Z = ((data - mean) / np.where(scale > 0, scale, 1.0)).astype("float32")
    batch_size = min(batch_size, len(Z))

    # Every random draw has its own seed (NumPy for the weights and the batch order, a
    # keras.random.SeedGenerator for the noise), so no global seed is needed, and none is
    # set: tf.random.set_seed (inside keras.utils.set_random_seed) would also force the
    # compiled training step to be rebuilt, which costs more than training a small GAN.
    rng = np.random.default_rng(seed)
    steps_per_epoch = len(Z) // batch_size
    z_snapshot = rng.standard_normal((n_snapshot_samples, latent_dim)).astype("float32")
    records, snapshots = [], {}
    with _MODELS_LOCK:
        model = _model_for(data.shape[1], latent_dim, hidden_units)
        model.initialize(seed, learning_rate=learning_rate)
        for done in range(log_every, epochs + 1, log_every):
            # log_every epochs: each a fresh permutation of the rows, cut into full batches
            order = np.concatenate(
                [rng.permutation(len(Z))[: steps_per_epoch * batch_size] for _ in range(log_every)]
            )
            batches = Z[order].reshape(-1, batch_size, Z.shape[1])
            fit = model.fit(
                tf.data.Dataset.from_tensor_slices(batches),
                epochs=1,
                verbose=verbose,
                shuffle=False,
            )
            records.append({name: values[-1] for name, values in fit.history.items()})
            if snapshot_epochs and done in snapshot_epochs:
                out = model.generator(z_snapshot, training=False)
                snapshots[done] = keras.ops.convert_to_numpy(out).astype(float)
        generator = _copy_network(model.generator)
        discriminator = _copy_network(model.discriminator)

    index = pd.RangeIndex(log_every, epochs + 1, log_every, name="epoch")
    history = pd.DataFrame(records, index=index)
    history = history[["d_loss", "g_loss", "real_score", "fake_score"]].astype(float)
    trained = TrainedGAN(
        generator=generator,
        discriminator=discriminator,
        history=history,
        mean_=mean,
        scale_=scale,
        latent_dim=latent_dim,
        feature_names=feature_names,
    )
    trained.snapshots = {
        epoch: trained._to_original_units(rows) for epoch, rows in snapshots.items()
    }
    return trained


# --- the imbalanced-learn sampler -----------------------------------------------------------
class GANOverSampler(BaseOverSampler):
    """Oversample with a GAN per class: new rows drawn from a generator trained on that class.

    For each class that ``sampling_strategy`` asks to grow, a :class:`GAN` is trained on the
    rows of that class (see :func:`train_gan`) and its generator draws the missing rows.
    Being an imbalanced-learn sampler, it belongs inside an imbalanced-learn ``Pipeline``,
    so that in cross-validation the GAN only ever sees the training folds.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default='auto'
        How many rows to add per class, with the same meaning as in
        :class:`~imblearn.over_sampling.RandomOverSampler` and
        :class:`~imblearn.over_sampling.SMOTE`: a float is the wanted ratio
        minority / majority after resampling (binary problems); ``'auto'`` grows every
        class except the majority to the majority's size; a dict gives the wanted number
        of rows per class.
    random_state : int, RandomState instance or None, default=None
        Seed of everything random (weights, noise, batch order, generated rows). An int
        gives the same rows on every call on the same machine.
    epochs : int, default=300
        Passes over each class's rows.
    batch_size : int, default=32
        Rows per training step (capped at the class size).
    latent_dim : int, default=8
        Size of the generator's noise vector.
    hidden_units : int, default=64
        Width of the hidden layers of both networks.
    learning_rate : float, default=1e-3
        Adam's learning rate.

    Attributes
    ----------
    sampling_strategy_ : dict
        Class -> number of rows added.
    gans_ : dict
        Class -> :class:`TrainedGAN` used for it (its ``history`` shows the training).
    n_features_in_ : int
        Number of features seen by ``fit_resample``.

    Examples
    --------
    >>> from collections import Counter
    >>> from helpers import make_imbalanced
    >>> X, y = make_imbalanced(200, weights=(0.8, 0.2))
    >>> sampler = GANOverSampler(sampling_strategy=0.5, epochs=5, random_state=0)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 160), (1, 80)]
    """

    _parameter_constraints: dict = {
        **BaseOverSampler._parameter_constraints,
        "epochs": [Interval(Integral, 1, None, closed="left")],
        "batch_size": [Interval(Integral, 2, None, closed="left")],
        "latent_dim": [Interval(Integral, 1, None, closed="left")],
        "hidden_units": [Interval(Integral, 1, None, closed="left")],
        "learning_rate": [Interval(Real, 0, None, closed="neither")],
    }

    def __init__(
        self,
        *,
        sampling_strategy: Any = "auto",
        random_state: Any = None,
        epochs: int = 300,
        batch_size: int = 32,
        latent_dim: int = 8,
        hidden_units: int = 64,
        learning_rate: float = 1e-3,
    ) -> None:
        super().__init__(sampling_strategy=sampling_strategy)
        self.random_state = random_state
        self.epochs = epochs
        self.batch_size = batch_size
        self.latent_dim = latent_dim
        self.hidden_units = hidden_units
        self.learning_rate = learning_rate

    def fit_resample(self, X: Any, y: Any, **params: Any) -> tuple[Any, Any]:
        """Train one GAN per class to grow and return the data with the generated rows.

        Parameters
        ----------
        X : array-like or DataFrame of shape (n_samples, n_features)
            Numeric features without missing values.
        y : array-like of shape (n_samples,)
            Class labels.

        Returns
        -------
        X_resampled : ndarray or DataFrame of shape (n_samples_new, n_features)
            The original rows first, then the generated ones (class by class).
        y_resampled : ndarray or Series of shape (n_samples_new,)
        """
        # Checks with messages that name the argument, before any training.
        check_features(X, "X")
        _check_training_params(
            self.epochs, self.batch_size, self.latent_dim, self.hidden_units, self.learning_rate
        )
        if not (
            self.random_state is None
            or isinstance(self.random_state, (Integral, np.random.RandomState))
        ) or isinstance(self.random_state, bool):
            raise TypeError(
                "random_state must be None, an int or a numpy RandomState, got "
                f"{type(self.random_state).__name__}."
            )
        return super().fit_resample(X, y, **params)

    def _fit_resample(self, X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        counts = {c: int(n) for c, n in zip(*np.unique(y, return_counts=True), strict=True)}
        too_small = {
            c: counts[c]
            for c, n in self.sampling_strategy_.items()
            if n > 0 and counts[c] < MIN_ROWS
        }
        if too_small:
            raise ValueError(
                f"y: a GAN needs at least MIN_ROWS={MIN_ROWS} rows of each class it learns; "
                f"these classes have fewer: {too_small}. Use SMOTE or RandomOverSampler."
            )
        rng = (
            self.random_state
            if isinstance(self.random_state, np.random.RandomState)
            else np.random.RandomState(self.random_state)
        )
        X_parts, y_parts = [np.asarray(X, dtype=float)], [np.asarray(y)]
        self.gans_ = {}
        for klass, n_samples in self.sampling_strategy_.items():
            seed = int(rng.randint(2**31 - 1))  # one per class, drawn even if n_samples == 0
            if n_samples == 0:
                continue
            gan = train_gan(
                X[y == klass],
                epochs=self.epochs,
                batch_size=self.batch_size,
                latent_dim=self.latent_dim,
                hidden_units=self.hidden_units,
                learning_rate=self.learning_rate,
                random_state=seed,
            )
            self.gans_[klass] = gan
            X_parts.append(gan.sample(n_samples, random_state=seed))
            y_parts.append(np.full(n_samples, klass, dtype=np.asarray(y).dtype))
        return np.vstack(X_parts), np.concatenate(y_parts)

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = False
        tags.input_tags.sparse = False
        return tags


# --- how good are the synthetic rows? --------------------------------------------------------
@dataclass(frozen=True)
class TwoSampleTest:
    """Result of :func:`classifier_two_sample_test`.

    Attributes
    ----------
    auc : float
        Mean cross-validated ROC AUC of the classifier telling real (1) from synthetic (0)
        rows. 0.5: it cannot tell them apart; 1.0: every synthetic row is recognisable.
    auc_std : float
        Standard deviation of the AUC over folds.
    n_real, n_synthetic : int
        Rows of each kind.
    """

    auc: float
    auc_std: float
    n_real: int
    n_synthetic: int


def _check_pair(X_real: Any, X_synthetic: Any) -> tuple[np.ndarray, np.ndarray]:
    real = check_features(X_real, "X_real")
    synthetic = check_features(X_synthetic, "X_synthetic")
    if real.shape[1] != synthetic.shape[1]:
        raise ValueError(
            "X_real and X_synthetic must have the same number of features, got "
            f"{real.shape[1]} and {synthetic.shape[1]}."
        )
    return real, synthetic


def classifier_two_sample_test(
    X_real: Any,
    X_synthetic: Any,
    *,
    classifier: Any = None,
    cv: int = 5,
    random_state: int = 0,
) -> TwoSampleTest:
    """How well can a classifier tell synthetic rows from real ones? (Lopez-Paz & Oquab, 2017)

    The rows are labelled real (1) or synthetic (0) and a classifier is cross-validated
    on that task. A ROC AUC near 0.5 means the synthetic rows are indistinguishable *to
    this classifier*; near 1.0 means they are easy to spot. Copies of real rows would
    score 0.5 too, so pair it with a check that the rows are not memorised.

    Parameters
    ----------
    X_real, X_synthetic : array-like of shape (n, n_features)
        The real rows (e.g. the minority class) and the generated ones.
    classifier : classifier, optional
        Default: a random forest (100 trees, leaves of at least 3 rows), which needs no
        scaling and picks up non-linear differences.
    cv : int, default=5
        Stratified folds (shuffled with ``random_state``).
    random_state : int, default=0
        Seed of the folds and of the default forest.

    Returns
    -------
    TwoSampleTest

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> same = classifier_two_sample_test(rng.normal(size=(100, 2)), rng.normal(size=(100, 2)))
    >>> shifted = classifier_two_sample_test(rng.normal(size=(100, 2)),
    ...                                      rng.normal(3.0, size=(100, 2)))
    >>> bool(same.auc < 0.65), bool(shifted.auc > 0.95)
    (True, True)
    """
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.model_selection import StratifiedKFold, cross_val_score

    real, synthetic = _check_pair(X_real, X_synthetic)
    cv = check_positive_int(cv, "cv", minimum=2)
    if min(len(real), len(synthetic)) < cv:
        raise ValueError(
            f"X_real and X_synthetic need at least cv={cv} rows each, got {len(real)} and "
            f"{len(synthetic)}."
        )
    if classifier is None:
        classifier = RandomForestClassifier(
            n_estimators=100, min_samples_leaf=3, random_state=random_state
        )
    X = np.vstack([real, synthetic])
    labels = np.r_[np.ones(len(real), dtype=int), np.zeros(len(synthetic), dtype=int)]
    splitter = StratifiedKFold(n_splits=cv, shuffle=True, random_state=random_state)
    scores = cross_val_score(classifier, X, labels, cv=splitter, scoring="roc_auc")
    return TwoSampleTest(
        auc=float(scores.mean()),
        auc_std=float(scores.std()),
        n_real=len(real),
        n_synthetic=len(synthetic),
    )


def _synthetic_sets(X_synthetic: Any) -> dict[str, Any]:
    if isinstance(X_synthetic, Mapping):
        if not X_synthetic:
            raise ValueError("X_synthetic is an empty dict; give at least one set of rows.")
        return {str(name): rows for name, rows in X_synthetic.items()}
    return {"synthetic": X_synthetic}


def _names_for(X: Any, n_features: int, feature_names: Sequence[str] | None) -> list[str]:
    if feature_names is not None:
        names = [str(n) for n in feature_names]
        if len(names) != n_features:
            raise ValueError(f"feature_names has {len(names)} names for {n_features} features.")
        return names
    if isinstance(X, pd.DataFrame):
        return [str(c) for c in X.columns]
    return [f"feature {i}" for i in range(n_features)]


def compare_marginals(
    X_real: Any,
    X_synthetic: Any,
    *,
    feature_names: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Compare each feature's distribution in real and synthetic rows.

    Parameters
    ----------
    X_real : array-like or DataFrame of shape (n, n_features)
    X_synthetic : array-like of shape (m, n_features), or dict of name -> array-like
        One set of generated rows, or several to compare side by side (e.g.
        ``{"GAN": X_gan, "SMOTE": X_smote}``).
    feature_names : sequence of str, optional
        Taken from ``X_real``'s columns when it is a DataFrame.

    Returns
    -------
    DataFrame
        One row per feature; columns ``mean``/``std`` of the real rows, then per synthetic
        set its ``mean``, ``std`` and the two-sample Kolmogorov-Smirnov statistic ``ks``
        (the largest gap between the two empirical CDFs: 0 = same distribution, 1 = no
        overlap). Columns are a two-level index: (set, statistic).

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> table = compare_marginals(rng.normal(size=(200, 2)), rng.normal(1.0, size=(200, 2)))
    >>> table.columns.tolist()[:3]
    [('real', 'mean'), ('real', 'std'), ('synthetic', 'mean')]
    """
    from scipy.stats import ks_2samp

    sets = _synthetic_sets(X_synthetic)
    real = check_features(X_real, "X_real")
    names = _names_for(X_real, real.shape[1], feature_names)
    columns: dict[tuple[str, str], Any] = {
        ("real", "mean"): real.mean(axis=0),
        ("real", "std"): real.std(axis=0, ddof=1),
    }
    for name, rows in sets.items():
        _, synthetic = _check_pair(real, rows)
        columns[(name, "mean")] = synthetic.mean(axis=0)
        columns[(name, "std")] = synthetic.std(axis=0, ddof=1)
        columns[(name, "ks")] = [
            ks_2samp(real[:, j], synthetic[:, j]).statistic for j in range(real.shape[1])
        ]
    table = pd.DataFrame(columns, index=pd.Index(names, name="feature"))
    table.columns.names = ["set", "statistic"]
    return table


def plot_marginals(
    X_real: Any,
    X_synthetic: Any,
    *,
    feature_names: Sequence[str] | None = None,
    bins: int = 20,
    n_cols: int = 4,
    axes: Any = None,
) -> Any:
    """Overlay each feature's histogram for real and synthetic rows.

    Parameters
    ----------
    X_real, X_synthetic, feature_names
        As in :func:`compare_marginals` (``X_synthetic`` may be a dict of several sets).
    bins : int, default=20
        Histogram bins, shared by all sets of a feature.
    n_cols : int, default=4
        Panels per row.
    axes : array of Axes, optional
        Draw into these (one per feature) instead of a new figure.

    Returns
    -------
    Figure

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> fig = plot_marginals(rng.normal(size=(100, 3)), rng.normal(size=(100, 3)))
    >>> len(fig.axes)
    3
    """
    import matplotlib.pyplot as plt

    from .plotting import CLASS_COLORS

    sets = _synthetic_sets(X_synthetic)
    real = check_features(X_real, "X_real")
    synthetic = {name: _check_pair(real, rows)[1] for name, rows in sets.items()}
    names = _names_for(X_real, real.shape[1], feature_names)
    bins = check_positive_int(bins, "bins", minimum=2)
    n_cols = check_positive_int(n_cols, "n_cols")
    n_features = real.shape[1]
    if axes is None:
        n_cols = min(n_cols, n_features)
        n_rows = -(-n_features // n_cols)
        fig, grid = plt.subplots(
            n_rows,
            n_cols,
            figsize=(3.0 * n_cols, 2.4 * n_rows),
            layout="constrained",
            squeeze=False,
        )
        for ax in grid.ravel()[n_features:]:
            ax.remove()
        axes = grid.ravel()[:n_features]
    else:
        axes = np.ravel(axes)
        if len(axes) < n_features:
            raise ValueError(f"axes: need {n_features} axes, got {len(axes)}.")
        fig = axes[0].figure
    # Real rows in the minority colour, synthetic sets in the next colours, outlined.
    colors = [CLASS_COLORS[1], CLASS_COLORS[2], CLASS_COLORS[3], CLASS_COLORS[5]]
    for j, ax in enumerate(axes[:n_features]):
        values = [real[:, j], *(rows[:, j] for rows in synthetic.values())]
        low = min(v.min() for v in values)
        high = max(v.max() for v in values)
        edges = np.linspace(low, high if high > low else low + 1.0, bins + 1)
        ax.hist(
            real[:, j],
            bins=edges,
            density=True,
            color=colors[0],
            alpha=0.55,
            label=f"real (n={len(real)})",
        )
        for k, (name, rows) in enumerate(synthetic.items(), start=1):
            ax.hist(
                rows[:, j],
                bins=edges,
                density=True,
                histtype="step",
                linewidth=1.8,
                color=colors[k % len(colors)],
                label=f"{name} (n={len(rows)})",
            )
        ax.set_title(names[j], fontsize=10)
        ax.set_yticks([])
    axes[0].set_ylabel("density")
    axes[0].legend(fontsize=8, loc="best")
    return fig
