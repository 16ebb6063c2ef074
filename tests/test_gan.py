"""Unit tests for helpers.gan (tiny epochs: they check behaviour, not sample quality)."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from imblearn.over_sampling import SMOTE, RandomOverSampler
from imblearn.pipeline import make_pipeline
from imblearn.utils.estimator_checks import check_param_validation, estimator_checks_generator
from matplotlib.patches import Rectangle
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_validate
from sklearn.preprocessing import StandardScaler
from sklearn.utils._param_validation import InvalidParameterError

from helpers import compare_samplers, make_imbalanced

gan = pytest.importorskip("helpers.gan")

FAST = {"epochs": 2, "batch_size": 16}


@pytest.fixture(scope="module")
def data() -> tuple[np.ndarray, np.ndarray]:
    return make_imbalanced(200, weights=(0.8, 0.2), random_state=0)


def test_import_helpers_does_not_load_tensorflow() -> None:
    code = "import helpers, sys; helpers.compare_samplers; assert 'tensorflow' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_train_gan_history_sample_and_snapshots() -> None:
    X = np.random.default_rng(0).normal(loc=[10.0, -5.0, 0.0], scale=[1.0, 2.0, 0.5], size=(60, 3))
    trained = gan.train_gan(
        X, epochs=4, batch_size=16, log_every=2, snapshot_epochs=[2, 4], n_snapshot_samples=7
    )
    assert trained.history.index.tolist() == [2, 4]
    assert trained.history.columns.tolist() == ["d_loss", "g_loss", "real_score", "fake_score"]
    assert np.isfinite(trained.history.to_numpy()).all()
    assert sorted(trained.snapshots) == [2, 4]
    assert trained.snapshots[4].shape == (7, 3)
    rows = trained.sample(25, random_state=1)
    assert rows.shape == (25, 3)
    np.testing.assert_allclose(trained.mean_, X.mean(axis=0))
    assert trained.sample(0).shape == (0, 3)


def test_constant_column_is_generated_as_its_constant() -> None:
    X = np.random.default_rng(0).normal(size=(40, 3))
    X[:, 1] = 7.0
    rows = gan.train_gan(X, **FAST).sample(10, random_state=0)
    assert (rows[:, 1] == 7.0).all()


def test_train_gan_is_deterministic_and_leaves_global_rng_alone() -> None:
    X = np.random.default_rng(1).normal(size=(50, 2))
    np.random.seed(123)  # noqa: NPY002
    before = np.random.get_state()[1].copy()  # noqa: NPY002
    a = gan.train_gan(X, epochs=3, batch_size=16, random_state=5)
    assert np.array_equal(np.random.get_state()[1], before)  # noqa: NPY002
    b = gan.train_gan(X, epochs=3, batch_size=16, random_state=5)
    c = gan.train_gan(X, epochs=3, batch_size=16, random_state=6)
    pd.testing.assert_frame_equal(a.history, b.history)
    assert np.array_equal(a.sample(20, random_state=0), b.sample(20, random_state=0))
    assert not np.array_equal(a.sample(20, random_state=0), c.sample(20, random_state=0))
    # A later training run does not change an earlier result (networks are copies).
    assert np.array_equal(a.sample(20, random_state=0), b.sample(20, random_state=0))


@pytest.mark.parametrize("strategy", [0.5, "auto", "minority", {1: 100}])
def test_counts_match_imbalanced_learn(data, strategy) -> None:
    X, y = data
    expected = Counter(RandomOverSampler(sampling_strategy=strategy).fit_resample(X, y)[1])
    assert Counter(SMOTE(sampling_strategy=strategy).fit_resample(X, y)[1]) == expected
    X_res, y_res = gan.GANOverSampler(
        sampling_strategy=strategy, random_state=0, **FAST
    ).fit_resample(X, y)
    assert Counter(y_res) == expected
    assert X_res.shape == (len(y_res), X.shape[1])
    assert np.array_equal(X_res[: len(X)], X)  # originals first, untouched
    assert np.isfinite(X_res).all()


def test_multiclass_and_dataframe_input() -> None:
    X, y = make_imbalanced(300, weights=(0.6, 0.25, 0.15), random_state=0)
    frame = pd.DataFrame(X, columns=["amount", "hour"])
    X_res, y_res = gan.GANOverSampler(random_state=0, **FAST).fit_resample(frame, pd.Series(y))
    assert isinstance(X_res, pd.DataFrame) and X_res.columns.tolist() == ["amount", "hour"]
    counts = Counter(y_res)
    assert counts[0] == counts[1] == counts[2] == int((y == 0).sum())


def test_sampler_is_deterministic(data) -> None:
    X, y = data
    a = gan.GANOverSampler(random_state=3, **FAST).fit_resample(X, y)[0]
    b = gan.GANOverSampler(random_state=3, **FAST).fit_resample(X, y)[0]
    c = gan.GANOverSampler(random_state=4, **FAST).fit_resample(X, y)[0]
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c)


def test_in_pipeline_with_cross_validate_and_compare_samplers(data) -> None:
    X, y = data
    pipeline = make_pipeline(
        StandardScaler(), gan.GANOverSampler(random_state=0, **FAST), LogisticRegression()
    )
    cv = StratifiedKFold(3, shuffle=True, random_state=0)
    scores = cross_validate(pipeline, X, y, cv=cv, scoring="average_precision")
    assert np.isfinite(scores["test_score"]).all()
    table = compare_samplers(
        {"none": None, "GAN": gan.GANOverSampler(random_state=0, **FAST)},
        LogisticRegression(),
        X,
        y,
        cv=cv,
        scoring=["recall"],
    )
    assert table.index.tolist() == ["none", "GAN"]


def test_bad_input_is_rejected_with_clear_errors(data) -> None:
    X, y = data
    few = np.random.default_rng(0).normal(size=(gan.MIN_ROWS - 1, 2))
    with pytest.raises(ValueError, match="X has 9 rows"):
        gan.train_gan(few)
    y_few = np.r_[np.zeros(50, dtype=int), np.ones(5, dtype=int)]
    X_few = np.random.default_rng(0).normal(size=(55, 2))
    with pytest.raises(ValueError, match="MIN_ROWS"):
        gan.GANOverSampler(**FAST).fit_resample(X_few, y_few)
    X_nan = X.copy()
    X_nan[3, 1] = np.nan
    with pytest.raises(ValueError, match="X contains NaN"):
        gan.GANOverSampler(**FAST).fit_resample(X_nan, y)
    with pytest.raises(ValueError, match="X contains NaN"):
        gan.train_gan(X_nan)
    frame = pd.DataFrame({"amount": X[:, 0], "country": ["FR", "DE"] * 100})
    with pytest.raises(TypeError, match="non-numeric: \\['country'\\]"):
        gan.GANOverSampler(**FAST).fit_resample(frame, y)
    with pytest.raises(TypeError, match="non-numeric"):
        gan.train_gan(frame)


@pytest.mark.parametrize(
    ("params", "error", "match"),
    [
        ({"epochs": 0}, ValueError, "epochs must be >= 1"),
        ({"epochs": 2.5}, TypeError, "epochs must be an int"),
        ({"batch_size": 1}, ValueError, "batch_size must be >= 2"),
        ({"latent_dim": 0}, ValueError, "latent_dim must be >= 1"),
        ({"learning_rate": -1.0}, ValueError, "learning_rate"),
        ({"random_state": "seed"}, TypeError, "random_state"),
    ],
)
def test_bad_parameters(data, params, error, match) -> None:
    X, y = data
    with pytest.raises(error, match=match):
        gan.train_gan(X, **params)
    # the sampler's parameters are checked by imbalanced-learn, from _parameter_constraints
    (name,) = params
    with pytest.raises(InvalidParameterError, match=f"'{name}' parameter of GANOverSampler"):
        gan.GANOverSampler(**params).fit_resample(X, y)


@pytest.mark.parametrize(
    "random_state",
    [None, 0, 2**32 - 1, np.int64(3), np.random.RandomState(0), np.random.default_rng(0)],
)
def test_random_state_contract_accepts(data, random_state) -> None:
    # one contract across the helpers (helpers._validation.check_random_state_arg)
    X, y = data
    make_imbalanced(50, random_state=random_state)
    gan.train_gan(X[y == 1], epochs=1, random_state=random_state)
    gan.GANOverSampler(epochs=1, random_state=random_state).fit_resample(X, y)


@pytest.mark.parametrize(
    ("random_state", "error"),
    [
        ("seed", TypeError),
        (1.5, TypeError),
        (-1, ValueError),
        (2**32, ValueError),
    ],
)
def test_random_state_contract_rejects(data, random_state, error) -> None:
    X, y = data
    for call in (
        lambda: make_imbalanced(50, random_state=random_state),
        lambda: gan.train_gan(X[y == 1], epochs=1, random_state=random_state),
        lambda: gan.GANOverSampler(epochs=1, random_state=random_state).fit_resample(X, y),
    ):
        with pytest.raises(error, match="random_state"):
            call()


#: Checks that cannot apply to a GAN, and why (none today: every check applies).
NOT_APPLICABLE: dict[str, str] = {}


#: imbalanced-learn's sampler checks (imblearn.utils.estimator_checks), on a tiny GAN.
CHECKS = list(
    estimator_checks_generator(
        gan.GANOverSampler(epochs=1, batch_size=64, hidden_units=8, latent_dim=2, random_state=0),
        expected_failed_checks=NOT_APPLICABLE,
        mark="skip",
    )
)


@pytest.mark.parametrize(
    ("estimator", "check"), CHECKS, ids=[check.func.__name__ for _, check in CHECKS]
)
def test_imbalanced_learn_estimator_checks(estimator, check) -> None:
    check(estimator)


def test_imbalanced_learn_param_validation() -> None:
    # every parameter has a constraint, and a bad value of each is rejected naming it
    check_param_validation("GANOverSampler", gan.GANOverSampler(epochs=1))


def test_train_gan_log_every_and_snapshots_validation() -> None:
    X = np.random.default_rng(0).normal(size=(30, 2))
    with pytest.raises(ValueError, match="log_every=3 must divide epochs=10"):
        gan.train_gan(X, epochs=10, log_every=3)
    with pytest.raises(ValueError, match="snapshot_epochs"):
        gan.train_gan(X, epochs=10, log_every=5, snapshot_epochs=[7])


def test_losses_match_their_formulas() -> None:
    rng = np.random.default_rng(0)
    real, fake = rng.normal(size=(8, 1)), rng.normal(size=(8, 1))
    sigmoid = lambda t: 1 / (1 + np.exp(-t))  # noqa: E731
    expected_d = -np.mean(np.log(sigmoid(real))) - np.mean(np.log(1 - sigmoid(fake)))
    expected_g = -np.mean(np.log(sigmoid(fake)))
    np.testing.assert_allclose(float(gan.discriminator_loss(real, fake)), expected_d, rtol=1e-6)
    np.testing.assert_allclose(float(gan.generator_loss(fake)), expected_g, rtol=1e-6)


def test_two_sample_test_and_marginals() -> None:
    rng = np.random.default_rng(0)
    real = rng.normal(size=(80, 2))
    same = gan.classifier_two_sample_test(real, rng.normal(size=(80, 2)))
    far = gan.classifier_two_sample_test(real, rng.normal(4.0, size=(60, 2)))
    assert same.auc < 0.7 < 0.95 < far.auc
    assert (far.n_real, far.n_synthetic) == (80, 60)
    assert same.auc_std >= 0
    # The permutation test: no difference -> a large p-value; a gross one -> the smallest
    # p-value the permutations allow, 1 / (1 + n_permutations).
    assert same.p_value > 0.05 and same.auc < same.critical_auc
    assert far.p_value == pytest.approx(1 / 1001) and far.n_permutations == 1000
    # 80 against 80 rows: the 5 % critical AUC is 0.5 plus about 1.645 null standard errors
    # of a mean of 5 fold AUCs (Mann-Whitney: (n1 + n0 + 1) / (12 n1 n0) per fold).
    se = np.sqrt((16 + 16 + 1) / (12 * 16 * 16) / 5)
    assert same.critical_auc == pytest.approx(0.5 + 1.645 * se, abs=0.02)
    table = gan.compare_marginals(
        pd.DataFrame(real, columns=["a", "b"]), {"near": real + 0.01, "far": real + 5}
    )
    assert table.index.tolist() == ["a", "b"]
    assert (table[("near", "ks")] < 0.1).all() and (table[("far", "ks")] == 1.0).all()
    # The spread check: a generator that draws half as wide a cloud has a std ratio of 0.5.
    spread = gan.compare_marginals(
        real, {"narrow": real.mean(axis=0) + 0.5 * (real - real.mean(axis=0))}
    )
    np.testing.assert_allclose(spread[("narrow", "std ratio")], 0.5)
    constant = gan.compare_marginals(
        np.c_[real[:, :1], np.ones(80)], np.c_[real[:, :1], np.ones(80)]
    )
    assert np.isnan(constant[("synthetic", "std ratio")].iloc[1])


def test_two_sample_auc_equals_scikit_learn_and_reads_held_out_rows() -> None:
    from imblearn.over_sampling import SMOTE
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import StratifiedKFold

    rng = np.random.default_rng(1)
    real, synthetic = rng.normal(size=(60, 2)), rng.normal(0.5, size=(50, 2))
    model = LogisticRegression()
    result = gan.classifier_two_sample_test(
        real, synthetic, classifier=model, cv=4, random_state=3
    )
    X, labels = np.vstack([real, synthetic]), np.r_[np.ones(60), np.zeros(50)]
    folds = StratifiedKFold(4, shuffle=True, random_state=3).split(X, labels)
    aucs = [
        roc_auc_score(labels[te], model.fit(X[tr], labels[tr]).predict_proba(X[te])[:, 1])
        for tr, te in folds
    ]
    assert result.auc == pytest.approx(np.mean(aucs), abs=1e-12)
    assert result.auc_std == pytest.approx(np.std(aucs), abs=1e-12)
    # SMOTE's rows against the rows they were interpolated from score below 0.5 (they are
    # not independent of them); against held-out rows of the same distribution they do not.
    minority = rng.normal(size=(200, 2))
    X_all = np.vstack([rng.normal(3.0, size=(400, 2)), minority[:100]])
    y_all = np.r_[np.zeros(400, dtype=int), np.ones(100, dtype=int)]
    X_res, _ = SMOTE(random_state=0).fit_resample(X_all, y_all)
    smote_rows = X_res[500:600]
    dependent = gan.classifier_two_sample_test(minority[:100], smote_rows)
    held_out = gan.classifier_two_sample_test(minority[100:], smote_rows)
    assert dependent.auc < 0.5 < dependent.auc + 0.15 < held_out.auc
    fig = gan.plot_marginals(real, {"near": real + 0.01, "far": real + 5})
    assert len(fig.axes) == 2
    # A feature with one value in every set: its bins are centred on it and the title says so.
    flat = np.column_stack([real[:, 0], np.full(len(real), 3.0)])
    fig = gan.plot_marginals(flat, flat.copy())
    assert fig.axes[1].get_title() == "feature 1 (one value: 3)"
    bars = [patch for patch in fig.axes[1].patches if isinstance(patch, Rectangle)]
    filled = [bar for bar in bars if bar.get_height() > 0]  # the real rows' histogram
    assert [bar.get_x() + bar.get_width() / 2 for bar in filled] == pytest.approx([3.0])
    assert fig.axes[0].get_title() == "feature 0"
    with pytest.raises(ValueError, match="same number of features"):
        gan.classifier_two_sample_test(real, rng.normal(size=(80, 3)))
    with pytest.raises(ValueError, match="n_permutations must be >= 1"):
        gan.classifier_two_sample_test(real, real, n_permutations=0)
    with pytest.raises(ValueError, match="random_state must be >= 0"):
        gan.classifier_two_sample_test(real, real, random_state=-1)
    with pytest.raises(ValueError, match="cv must be >= 2"):
        gan.classifier_two_sample_test(real, real, cv=1)
    with pytest.raises(ValueError, match="at least cv=5 rows each"):
        gan.classifier_two_sample_test(real, real[:3])
    with pytest.raises(TypeError, match="classifier must be a scikit-learn classifier"):
        gan.classifier_two_sample_test(real, real, classifier="forest")
    with pytest.raises(ValueError, match="X_real contains NaN"):
        gan.classifier_two_sample_test(np.full((10, 2), np.nan), real)
    with pytest.raises(ValueError, match="X_synthetic contains NaN"):
        gan.compare_marginals(real, np.full((5, 2), np.nan))
