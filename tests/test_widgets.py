"""helpers.widgets: live sliders redraw the same figure; the stored HTML works without a kernel."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest
from imblearn.over_sampling import SMOTE
from imblearn.under_sampling import RandomUnderSampler

from helpers import resampling_demo, slider_demo
from helpers.widgets import MAX_FRAMES


def line_demo(**kwargs):
    fig, ax = plt.subplots()
    x = np.linspace(0, 1, 20)
    (line,) = ax.plot(x, x)

    def update(power):
        line.set_ydata(x**power)
        return [line]

    return slider_demo(update, figure=fig, sliders={"power": [1, 2, 3]}, **kwargs), line, x


def test_moving_a_slider_changes_the_figure_data_and_image():
    demo, line, x = line_demo()
    assert demo.sliders["power"].value == 2  # the middle value by default
    image_before = demo.image.value
    demo.sliders["power"].value = 3
    np.testing.assert_allclose(line.get_ydata(), x**3)
    assert demo.image.value != image_before
    assert demo.image.value[:8] == b"\x89PNG\r\n\x1a\n"


def test_same_figure_is_reused():
    demo, line, _ = line_demo()
    figure = demo.figure
    demo.sliders["power"].value = 1
    demo.sliders["power"].value = 3
    assert line.figure is figure
    assert plt.get_fignums() == []  # closed for pyplot: the demo shows it, not the backend


def test_one_frame_per_combination_and_frames_differ():
    fig, ax = plt.subplots()
    (line,) = ax.plot([0, 1], [0, 1])
    seen = []

    def update(a, b):  # full-redraw style: returns nothing
        seen.append((a, b))
        line.set_ydata([a, b])

    demo = slider_demo(update, figure=fig, sliders={"a": [0, 1], "b": [0.5, 1.0, 2.0]})
    assert set(demo.frames) == {(a, b) for a in (0, 1) for b in (0.5, 1.0, 2.0)}
    assert len(set(demo.frames.values())) == 6
    assert {(a, b) for a, b in seen} == set(demo.frames)


def test_static_html_has_sliders_frames_and_script():
    demo, _, _ = line_demo(caption="Power <law>")
    html = demo.to_html()
    assert html.count('type="range"') == 1
    assert 'max="2"' in html and 'value="1"' in html
    # three frames in the JSON, plus the one shown first in the <img>
    assert len(re.findall(r"data:image/png;base64,", html)) == 4
    assert "<script>" in html and "addEventListener" in html
    assert "Power &lt;law&gt;" in html  # escaped


def test_mime_bundle_has_widget_html_and_deterministic_text():
    demo, _, _ = line_demo()
    bundle = demo._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/html"].startswith('<div class="slider-demo"')
    assert bundle["text/plain"] == "SliderDemo: power (3 values); 3 frames"


def test_ids_are_unique_per_demo():
    first, _, _ = line_demo()
    second, _, _ = line_demo()
    assert first.id != second.id


def test_resampling_demo_counts_follow_the_slider(toy):
    X, y = toy
    demo = resampling_demo(
        lambda ratio: RandomUnderSampler(sampling_strategy=ratio, random_state=0),
        X,
        y,
        sliders={"ratio": [0.25, 0.5, 1.0]},
        technique_name="RUS",
    )
    legend_before = demo.figure.axes[0].get_legend()
    demo.sliders["ratio"].value = 1.0
    labels = [t.get_text() for t in legend_before.get_texts()]
    n_min = int((y == 1).sum())
    assert f"removed (n={len(y) - 2 * n_min})" in labels
    demo.sliders["ratio"].value = 0.25
    labels = [t.get_text() for t in legend_before.get_texts()]
    assert f"removed (n={len(y) - 5 * n_min})" in labels


def test_resampling_demo_oversampling_has_no_removed_entry(toy):
    X, y = toy
    demo = resampling_demo(
        lambda k: SMOTE(k_neighbors=k, random_state=0),
        X,
        y,
        sliders={"k": [1, 5]},
        technique_name="SMOTE",
    )
    labels = [t.get_text() for t in demo.figure.axes[0].get_legend().get_texts()]
    assert not any("removed" in label for label in labels)
    after = [t.get_text() for t in demo.figure.axes[1].get_legend().get_texts()]
    assert any(label.startswith("new class 1") for label in after)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"update": 3}, TypeError, "update must be callable"),
        ({"figure": "fig"}, TypeError, "figure must be a matplotlib Figure"),
        ({"sliders": {}}, TypeError, "non-empty dict"),
        ({"sliders": {"p": []}}, TypeError, "non-empty list"),
        ({"sliders": {"p": "abc"}}, TypeError, "non-empty list"),
        ({"sliders": {"not valid": [1]}}, ValueError, "valid parameter name"),
        ({"sliders": {"p": [1, 1]}}, ValueError, "duplicate"),
        ({"sliders": {f"p{i}": [1, 2] for i in range(6)}}, ValueError, "MAX_FRAMES"),
        ({"initial": {"q": 1}}, ValueError, "not one of the sliders"),
        ({"initial": {"p": 9}}, ValueError, "not among"),
        ({"dpi": 0}, ValueError, "dpi"),
    ],
)
def test_bad_input(kwargs, error, match):
    fig, _ = plt.subplots()
    args = {"update": lambda p: None, "figure": fig, "sliders": {"p": [1, 2]}}
    args.update(kwargs)
    with pytest.raises(error, match=match):
        slider_demo(args.pop("update"), **args)


def test_update_returning_a_non_iterable_is_explained():
    fig, _ = plt.subplots()
    with pytest.raises(TypeError, match="iterable of the artists"):
        slider_demo(lambda p: 3, figure=fig, sliders={"p": [1, 2]})


def test_resampling_demo_frames_and_figure_follow_the_slider(toy):
    X, y = toy
    ratios = [0.25, 0.5, 1.0]
    demo = resampling_demo(
        lambda ratio: RandomUnderSampler(sampling_strategy=ratio, random_state=0),
        X,
        y,
        sliders={"ratio": ratios},
        technique_name="RUS",
    )
    assert len(set(demo.frames.values())) == len(ratios)  # every frame shows its own setting
    for ratio in (1.0, 0.25):
        demo.sliders["ratio"].value = ratio
        X_res, y_res = RandomUnderSampler(sampling_strategy=ratio, random_state=0).fit_resample(
            X, y
        )
        for c in (0, 1):
            np.testing.assert_array_equal(
                demo.display.original_[c].get_offsets(), X_res[y_res == c]
            )
        assert demo.display.titles_[1].get_text().endswith(f"ratio={ratio:g}")


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"sliders": [("ratio", [0.5])]}, TypeError, "sliders must be"),
        ({"sliders": {"ratio": 0.5}}, TypeError, r"sliders\['ratio'\]"),
        ({"initial": {"ratio": 0.7}}, ValueError, "initial"),
        ({"feature_names": ["only one"]}, ValueError, "feature_names"),
        ({"technique_name": None}, TypeError, "technique_name"),
    ],
)
def test_resampling_demo_checks_before_any_figure_or_resampling(toy, kwargs, error, match):
    X, y = toy
    calls = []

    def make(ratio):
        calls.append(ratio)
        return RandomUnderSampler(sampling_strategy=ratio, random_state=0)

    args = {"sliders": {"ratio": [0.5, 1.0]}, "technique_name": "RUS", **kwargs}
    with pytest.raises(error, match=match):
        resampling_demo(make, X, y, **args)
    assert calls == []
    assert plt.get_fignums() == []


def test_live_slider_offers_every_value_and_the_book_a_spread_subset():
    fig, ax = plt.subplots()
    (line,) = ax.plot([0, 1], [0, 1])
    seen = []

    def update(k):
        seen.append(k)
        line.set_ydata([0, k])
        return [line]

    n = MAX_FRAMES + 40
    demo = slider_demo(update, figure=fig, sliders={"k": range(1, n + 1)})
    assert len(demo.sliders["k"].options) == n  # live: every value
    assert len(demo.frames) == MAX_FRAMES  # static: what the book can carry
    stored = [k for (k,) in demo.frames]
    assert stored[0] == 1 and stored[-1] == n and stored == sorted(stored)
    html = demo.to_html()
    assert f'max="{MAX_FRAMES - 1}"' in html
    assert html.count("data:image/png;base64,") == MAX_FRAMES + 1
    live_only = next(k for k in range(1, n + 1) if k not in stored)
    demo.sliders["k"].value = live_only  # no stored frame: the kernel computes it
    assert seen[-1] == live_only and list(line.get_ydata()) == [0, live_only]
    assert demo.image.value[:8] == b"\x89PNG\r\n\x1a\n"
    # the book starts on the stored value nearest the live one
    nearest = min(stored, key=lambda k: abs(k - live_only))
    assert f'value="{stored.index(nearest)}"' in demo.to_html()
    text = demo._repr_mimebundle_()["text/plain"]
    assert text == f"SliderDemo: k ({n} values); {MAX_FRAMES} frames"


def test_resampling_demo_resamples_live_values_without_a_frame(toy):
    X, y = toy
    ratios = [round(0.2 + 0.01 * i, 2) for i in range(81)]  # 81 values > MAX_FRAMES
    made = []

    def make(ratio):
        made.append(ratio)
        return RandomUnderSampler(sampling_strategy=ratio, random_state=0)

    demo = resampling_demo(make, X, y, sliders={"ratio": ratios}, technique_name="RUS")
    stored = {ratio for (ratio,) in demo.frames}
    # up front, only the stored values are resampled (then the start value, for the kernel)
    assert len(stored) == MAX_FRAMES and set(made[:MAX_FRAMES]) == stored
    assert set(made) <= stored | {demo.current["ratio"]}
    live_only = next(r for r in ratios if r not in stored)
    demo.sliders["ratio"].value = live_only
    assert made[-1] == live_only
    X_res, y_res = make(live_only).fit_resample(X, y)
    np.testing.assert_array_equal(demo.display.original_[0].get_offsets(), X_res[y_res == 0])
