"""Helpers for the course *Learning from imbalanced data*.

Everything the notebooks share, importable as ``from helpers import ...``. Submodules load
on first use, so ``import helpers`` stays quick; TensorFlow is only ever loaded by
``helpers.gan`` (the GAN oversampler of Part 3), which is therefore imported on its own:
``from helpers.gan import GANOverSampler, train_gan, classifier_two_sample_test``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> submodule that defines it
_EXPORTS = {
    "DATASETS": "datasets",
    "describe_imbalance": "datasets",
    "load_dataset": "datasets",
    "make_imbalanced": "datasets",
    "make_transaction_stream": "datasets",
    "make_transactions": "datasets",
    "BeforeAfterDisplay": "plotting",
    "CLASS_COLORS": "plotting",
    "plot_before_after": "plotting",
    "plot_class_distribution": "plotting",
    "plot_decision_boundaries": "plotting",
    "plot_decision_boundary": "plotting",
    "split_new_and_removed": "plotting",
    "DEFAULT_SCORING": "evaluation",
    "alarm_counts": "evaluation",
    "binary_scoring": "evaluation",
    "compare_samplers": "evaluation",
    "cross_validate_leaky": "evaluation",
    "cross_validate_samplers": "evaluation",
    "evaluate": "evaluation",
    "format_difference": "evaluation",
    "format_mean_std": "evaluation",
    "make_pipeline_with_sampler": "evaluation",
    "paired_differences": "evaluation",
    "summarize_folds": "evaluation",
    "MAX_FRAMES": "widgets",
    "slider_demo": "widgets",
    "resampling_demo": "widgets",
    "SliderDemo": "widgets",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        module = importlib.import_module(f".{_EXPORTS[name]}", __name__)
        value = getattr(module, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


if TYPE_CHECKING:  # for type checkers and IDEs
    from .datasets import (
        DATASETS,
        describe_imbalance,
        load_dataset,
        make_imbalanced,
        make_transaction_stream,
        make_transactions,
    )
    from .evaluation import (
        DEFAULT_SCORING,
        alarm_counts,
        binary_scoring,
        compare_samplers,
        cross_validate_leaky,
        cross_validate_samplers,
        evaluate,
        format_difference,
        format_mean_std,
        make_pipeline_with_sampler,
        paired_differences,
        summarize_folds,
    )
    from .plotting import (
        CLASS_COLORS,
        BeforeAfterDisplay,
        plot_before_after,
        plot_class_distribution,
        plot_decision_boundaries,
        plot_decision_boundary,
        split_new_and_removed,
    )
    from .widgets import MAX_FRAMES, SliderDemo, resampling_demo, slider_demo
