"""The full benchmark behind notebook 50 (too slow to run inside a notebook).

Every technique of the course (no resampling, a tuned threshold, class weights, the samplers
of Parts 1-3 including the GAN oversampler, balanced bagging) x three models (scaled logistic
regression, gradient boosting, random forest) x the four binary data sets, with repeated
stratified cross-validation. Samplers run inside imbalanced-learn pipelines, so only the
training folds are ever resampled; the threshold search runs on the training folds too.
Outside ``--quick``, the five prototype-selection and -generation samplers of notebook 25
(CNN, OSS, NCR, instance hardness, ClusterCentroids) join the samplers, and three anomaly
detectors of notebook 44 (isolation forest, local outlier
factor, one-class SVM) join every model column: fitted on the training fold's majority only,
they ignore the column's model and are ranked against its techniques.

    .venv/bin/python benchmarks/full_grid.py                # everything (tens of minutes)
    .venv/bin/python benchmarks/full_grid.py --no-gan       # skip the GAN (no TensorFlow)
    .venv/bin/python benchmarks/full_grid.py --quick        # the notebook's grid, as a check
    .venv/bin/python benchmarks/full_grid.py --n-jobs 2     # folds in parallel

Writes one row per (data set, model, technique, repeat, fold) to a CSV file (``--output``,
default ``benchmarks/full_grid_results.csv``) and prints the mean ranks per metric (1 = best
within each data set x model column, averaged over the columns). Not part of the tests. Set
``OMP_NUM_THREADS=1`` (as the Makefile does) when using ``--n-jobs``, to avoid
oversubscribing the cores.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from imblearn.combine import SMOTEENN, SMOTETomek
from imblearn.ensemble import BalancedBaggingClassifier
from imblearn.over_sampling import ADASYN, SMOTE, BorderlineSMOTE, RandomOverSampler
from imblearn.under_sampling import (
    ClusterCentroids,
    CondensedNearestNeighbour,
    EditedNearestNeighbours,
    InstanceHardnessThreshold,
    NearMiss,
    NeighbourhoodCleaningRule,
    OneSidedSelection,
    RandomUnderSampler,
    TomekLinks,
)
from scipy.special import expit
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.ensemble import (
    HistGradientBoostingClassifier,
    IsolationForest,
    RandomForestClassifier,
)
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import make_scorer, precision_recall_curve
from sklearn.model_selection import (
    RepeatedStratifiedKFold,
    StratifiedKFold,
    TunedThresholdClassifierCV,
    cross_validate,
    train_test_split,
)
from sklearn.neighbors import LocalOutlierFactor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import OneClassSVM

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from helpers import load_dataset, make_pipeline_with_sampler  # noqa: E402

RANDOM_STATE = 42
DATASETS = ("yeast3", "yeast4", "abalone19", "default")
LOWER_IS_BETTER = ("brier", "log_loss")


def recall_at_precision(y_true, scores, min_precision=0.5):
    """Largest recall over the thresholds whose precision is at least ``min_precision``."""
    precision, recall, _ = precision_recall_curve(y_true, scores)
    return recall[precision >= min_precision].max()


def fast_balanced_accuracy(y_true, y_pred):
    """``balanced_accuracy_score`` for 0/1 labels, without input validation."""
    positive = y_true == 1
    return 0.5 * (np.mean(y_pred[positive] == 1) + np.mean(y_pred[~positive] == 0))


SCORING = {
    "average_precision": "average_precision",
    "balanced_accuracy": "balanced_accuracy",
    "recall_at_p50": make_scorer(recall_at_precision, response_method="predict_proba"),
    "brier": "neg_brier_score",
    "log_loss": "neg_log_loss",
}


def load_numeric(name, max_rows=None):
    """A vendored data set as float arrays: one-hot categoricals, optional stratified subsample."""
    X, y = load_dataset(name)
    X = pd.get_dummies(X, dtype=float)
    if max_rows is not None and len(X) > max_rows:
        X, _, y, _ = train_test_split(
            X, y, train_size=max_rows, stratify=y, random_state=RANDOM_STATE
        )
    return X.to_numpy(dtype=float), y.to_numpy()


class MajorityDetector(ClassifierMixin, BaseEstimator):
    """An anomaly detector used as a classifier (notebook 44).

    ``fit`` trains ``detector`` on the majority rows (``y == 0``) only, at most ``max_rows``
    of them (drawn at random: the one-class SVM's cost grows quadratically or worse with the
    rows). The anomaly score (``-score_samples``) ranks the cases, so average precision needs
    no positive in training; ``predict`` is the detector's own rule (anomaly = 1).
    ``decision_function`` is that anomaly score, so the ``average_precision`` scorer (which
    asks for ``decision_function`` first) ranks the detector's own score.
    ``predict_proba`` maps the score to a probability with an *increasing* logistic curve
    fitted on the training fold's scores and labels (Platt scaling with the slope kept
    positive), only so that the Brier score, log-loss and ``recall_at_p50`` (which asks for
    ``predict_proba``) are defined; it never reorders the rows. An unconstrained Platt fit
    would: where the training positives score *below* the majority, its slope is negative
    and the labels would reverse the detector's ranking. The best increasing curve is then
    flat (the training prevalence); a negligible positive slope keeps the ranking. The
    majority rows' training scores are in-sample (they look more normal than new majority
    rows), so the curve is fitted on too wide a gap between the classes: the probabilities
    are miscalibrated and the Brier score and log-loss, if anything, understate the detector.
    """

    def __init__(self, detector, max_rows=None, random_state=None):
        self.detector = detector
        self.max_rows = max_rows
        self.random_state = random_state

    def fit(self, X, y):
        X, y = np.asarray(X, dtype=float), np.asarray(y)
        self.classes_ = np.unique(y)
        majority = X[y == 0]
        if self.max_rows is not None and len(majority) > self.max_rows:
            rng = np.random.default_rng(self.random_state)
            majority = majority[rng.choice(len(majority), self.max_rows, replace=False)]
        self.detector_ = clone(self.detector).fit(majority)
        score = self.decision_function(X)
        self.score_scale_ = float(np.std(score)) or 1.0  # the slope floor below is unit-free
        calibrator = LogisticRegression().fit(score[:, None] / self.score_scale_, y)
        self.slope_ = float(calibrator.coef_[0, 0])
        self.intercept_ = float(calibrator.intercept_[0])
        if self.slope_ <= 0:  # increasing curves only: flat at the prevalence, ranking kept
            prevalence = np.clip(np.mean(y == self.classes_[-1]), 1e-6, 1 - 1e-6)
            self.slope_, self.intercept_ = 1e-6, float(np.log(prevalence / (1 - prevalence)))
        return self

    def decision_function(self, X):
        """The anomaly score (``-score_samples``): higher means more likely positive."""
        return -self.detector_.score_samples(np.asarray(X, dtype=float))

    def predict_proba(self, X):
        z = self.slope_ * self.decision_function(X) / self.score_scale_ + self.intercept_
        positive = expit(z)
        return np.c_[1 - positive, positive]

    def predict(self, X):
        return (self.detector_.predict(np.asarray(X, dtype=float)) == -1).astype(int)


def make_detectors():
    """name -> MajorityDetector, as in notebook 44 (scaled where distances count).

    The isolation forest and the local outlier factor (``n_neighbors=20``) keep their
    defaults; the one-class SVM uses ``nu=0.1`` (a 10 % false-alarm budget chosen a priori),
    not the default 0.5, which ranks worse in notebook 44. No setting is tuned: without
    positives there is nothing to tune it on, and notebook 44 shows how much they matter.
    """
    return {
        "IsolationForest (majority only)": MajorityDetector(
            IsolationForest(random_state=RANDOM_STATE)
        ),
        "LocalOutlierFactor (majority only)": MajorityDetector(
            make_pipeline(StandardScaler(), LocalOutlierFactor(novelty=True))
        ),
        "OneClassSVM (majority only)": MajorityDetector(
            make_pipeline(StandardScaler(), OneClassSVM(nu=0.1, gamma="scale")),
            max_rows=2000,
            random_state=RANDOM_STATE,
        ),
    }


def make_models(quick):
    """name -> (model, name of its class-weight parameter)."""
    models = {
        "logistic regression": (
            make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)),
            "logisticregression__class_weight",
        ),
        "gradient boosting": (
            HistGradientBoostingClassifier(
                max_iter=50 if quick else 200,
                max_leaf_nodes=8 if quick else 15,
                learning_rate=0.1 if quick else 0.05,
                early_stopping=False,
                random_state=RANDOM_STATE,
            ),
            "class_weight",
        ),
    }
    if not quick:
        models["random forest"] = (
            RandomForestClassifier(
                n_estimators=300, min_samples_leaf=2, random_state=RANDOM_STATE
            ),
            "class_weight",
        )
    return models


def make_samplers(quick, gan):
    samplers = {
        "random oversampling": RandomOverSampler(random_state=RANDOM_STATE),
        "SMOTE": SMOTE(random_state=RANDOM_STATE),
        "Borderline-SMOTE": BorderlineSMOTE(random_state=RANDOM_STATE),
        "ADASYN": ADASYN(random_state=RANDOM_STATE),
        "random undersampling": RandomUnderSampler(random_state=RANDOM_STATE),
        "Tomek links": TomekLinks(),
        "ENN": EditedNearestNeighbours(),
        "NearMiss-3": NearMiss(version=3),
        "SMOTE + Tomek": SMOTETomek(random_state=RANDOM_STATE),
        "SMOTE + ENN": SMOTEENN(random_state=RANDOM_STATE),
        # Prototype selection and generation (chapter 25): too slow for notebook 50's budget
        # (CNN refits a 1-NN per added row), so they run in the full grid only.
        "CNN": CondensedNearestNeighbour(random_state=RANDOM_STATE),
        "OSS": OneSidedSelection(random_state=RANDOM_STATE),
        "NCR": NeighbourhoodCleaningRule(),
        "instance hardness": InstanceHardnessThreshold(random_state=RANDOM_STATE),
        "ClusterCentroids": ClusterCentroids(random_state=RANDOM_STATE),
    }
    if quick:  # the samplers of notebook 50's grid
        for name in (
            "Tomek links",
            "NearMiss-3",
            "SMOTE + Tomek",
            "CNN",
            "OSS",
            "NCR",
            "instance hardness",
            "ClusterCentroids",
        ):
            del samplers[name]
    if gan:
        from helpers.gan import GANOverSampler  # imports TensorFlow

        samplers["GAN"] = GANOverSampler(random_state=RANDOM_STATE)
    return samplers


def techniques(model, weight_param, samplers, quick):
    """(name, unfitted estimator) for every technique around ``model``."""
    yield "no resampling", clone(model)
    yield (
        "no resampling + tuned threshold",
        TunedThresholdClassifierCV(
            clone(model), scoring=make_scorer(fast_balanced_accuracy), cv=2 if quick else 3
        ),
    )
    yield "class weight", clone(model).set_params(**{weight_param: "balanced"})
    for name, sampler in samplers.items():
        yield name, make_pipeline_with_sampler(sampler, model)
    yield (
        "balanced bagging",
        BalancedBaggingClassifier(
            estimator=clone(model), n_estimators=5 if quick else 10, random_state=RANDOM_STATE
        ),
    )
    if not quick:  # the detectors ignore ``model``: the same scores in every model column
        yield from make_detectors().items()


def run(args):
    quick = args.quick
    gan = not (args.no_gan or quick)
    datasets = {
        name: load_numeric(name, max_rows=2000 if quick and name == "default" else None)
        for name in DATASETS
    }
    if quick:
        n_splits, n_repeats = 3, 1
        cv = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=RANDOM_STATE)
    else:
        n_splits, n_repeats = 5, args.repeats
        cv = RepeatedStratifiedKFold(
            n_splits=n_splits, n_repeats=n_repeats, random_state=RANDOM_STATE
        )
    models = make_models(quick)
    samplers = make_samplers(quick, gan)
    records = []
    for data_name, (X, y) in datasets.items():
        for model_name, (model, weight_param) in models.items():
            for technique, estimator in techniques(model, weight_param, samplers, quick):
                start = time.perf_counter()
                with warnings.catch_warnings():
                    # NearMiss-3 warns when it cannot reach the requested ratio; the
                    # logistic regression may warn on a resampled fold.
                    warnings.simplefilter("ignore", UserWarning)
                    scores = cross_validate(
                        estimator, X, y, cv=cv, scoring=SCORING, n_jobs=args.n_jobs
                    )
                seconds = time.perf_counter() - start
                n_folds = len(scores["fit_time"])
                for fold in range(n_folds):
                    record = {
                        "data": data_name,
                        "model": model_name,
                        "technique": technique,
                        "repeat": fold // n_splits,
                        "fold": fold % n_splits,
                        "fit_time": scores["fit_time"][fold],
                    }
                    for metric in SCORING:
                        value = scores[f"test_{metric}"][fold]
                        record[metric] = -value if metric in LOWER_IS_BETTER else value
                    records.append(record)
                print(
                    f"{data_name:10s} {model_name:20s} {technique:32s} {seconds:7.1f} s",
                    flush=True,
                )
    return pd.DataFrame(records)


def mean_ranks(folds):
    """Mean rank (1 = best) of each technique over the (data set, model) columns."""
    means = folds.groupby(["technique", "data", "model"]).mean(numeric_only=True)
    out = {}
    for metric in SCORING:
        table = means[metric].unstack(["data", "model"]).round(12)  # equal scores tie
        out[metric] = table.rank(
            axis=0, ascending=metric in LOWER_IS_BETTER, method="average"
        ).mean(axis=1)
    return pd.DataFrame(out).sort_values("average_precision")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="the notebook's smaller grid (3 folds, no repeats)"
    )
    parser.add_argument("--no-gan", action="store_true", help="leave out the GAN oversampler")
    parser.add_argument("--repeats", type=int, default=3, help="CV repeats (default 3)")
    parser.add_argument("--n-jobs", type=int, default=None, help="folds in parallel")
    parser.add_argument(
        "--output", type=Path, default=HERE / "full_grid_results.csv", help="CSV of fold scores"
    )
    args = parser.parse_args(argv)
    folds = run(args)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    folds.to_csv(args.output, index=False)
    print(f"\n{len(folds)} fold scores written to {args.output}\n")
    print("mean rank per metric (1 = best):")
    print(mean_ranks(folds).round(1).to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
