"""The GAN: its two dense networks, their losses and the ``keras.Model`` that plays the
game (:class:`GAN`)."""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf

from .._validation import check_positive_int

# Batches run per call of the compiled training function (a tf.while_loop): one call
# covers several epochs of a small class, which removes most of Keras's per-step overhead.
_STEPS_PER_EXECUTION = 256


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
