"""Training a GAN on the rows of one class: :func:`train_gan`, which returns a
:class:`TrainedGAN` (networks, loss history, snapshots, sampling in original units)."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from numbers import Real
from typing import Any

import keras
import numpy as np
import pandas as pd
import tensorflow as tf

from .._validation import (
    check_features,
    check_positive_int,
    check_random_state_arg,
)
from ._model import GAN

#: Fewest rows a GAN is trained on: below that, use SMOTE or random oversampling.
MIN_ROWS = 10


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
