"""The imbalanced-learn sampler: :class:`GANOverSampler`, one GAN per class to grow."""

from __future__ import annotations

from numbers import Integral, Real
from typing import Any

import numpy as np
from imblearn.over_sampling.base import BaseOverSampler
from scipy import sparse
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval

from .._validation import RANDOM_STATE_CONSTRAINTS, check_features
from ._training import MIN_ROWS, train_gan


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
    random_state : None, int, numpy RandomState or Generator, default=None
        Seed of everything random (weights, noise, batch order, generated rows). An int
        (0 to 2**32 - 1) gives the same rows on every call on the same machine.
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

    # The one place the parameters are checked: imbalanced-learn validates them against
    # this table when fit_resample starts (an InvalidParameterError, both a ValueError and a
    # TypeError, naming the parameter).
    _parameter_constraints: dict = {
        **BaseOverSampler._parameter_constraints,
        "random_state": RANDOM_STATE_CONSTRAINTS,  # the course's one contract
        "epochs": [Interval(Integral, 1, None, closed="left")],
        "batch_size": [Interval(Integral, 2, None, closed="left")],
        "latent_dim": [Interval(Integral, 1, None, closed="left")],
        "hidden_units": [Interval(Integral, 1, None, closed="left")],
        "learning_rate": [Interval(Real, 0, np.inf, closed="neither")],
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
        # The data, with messages that name X (non-numeric columns, NaN); the parameters
        # are checked by imbalanced-learn against _parameter_constraints.
        check_features(X, "X")
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
        rng = self.random_state
        if not isinstance(rng, np.random.Generator):
            rng = check_random_state(rng)  # an int gives np.random.RandomState(int)
        if sparse.issparse(X):  # a pandas sparse DataFrame arrives as a sparse matrix
            X = X.toarray()
        # float32 in, float32 out (as imbalanced-learn's samplers do); anything else: float64
        dtype = X.dtype if X.dtype.kind == "f" else np.float64
        X_parts, y_parts = [np.asarray(X, dtype=dtype)], [np.asarray(y)]
        self.gans_ = {}
        for klass, n_samples in self.sampling_strategy_.items():
            # one per class, drawn even if n_samples == 0
            seed = int(
                rng.integers(2**31 - 1)
                if isinstance(rng, np.random.Generator)
                else rng.randint(2**31 - 1)
            )
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
            X_parts.append(gan.sample(n_samples, random_state=seed).astype(dtype))
            y_parts.append(np.full(n_samples, klass, dtype=np.asarray(y).dtype))
        return np.vstack(X_parts), np.concatenate(y_parts)

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = False
        tags.input_tags.sparse = False
        return tags
