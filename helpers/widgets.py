"""Slider demos that are live in a kernel and still work in the static book.

:func:`slider_demo` takes a figure and a function that redraws it for given parameter
values. In JupyterLab it shows ipywidgets sliders; each change calls the function on the
*same* figure and re-renders it (no new figure per change, which is what keeps an update
well under 100 ms). When the cell's output is saved, it also carries an HTML version: one
PNG per combination of slider values (precomputed once) and a few lines of JavaScript that
swap them as an ``<input type="range">`` moves, so the published book needs no kernel.

A live slider may offer more values than the book can store: when the combinations exceed
:data:`MAX_FRAMES`, the static version keeps an evenly spread subset of each slider's values
(always its first and last), while the live sliders still offer every value and the kernel
computes the ones without a stored frame.

The live widget and the static HTML travel in one MIME bundle: JupyterLab renders the
widget, the book (configured to skip ``application/vnd.jupyter.widget-view+json``) renders
the HTML.
"""

from __future__ import annotations

import base64
import html
import io
import itertools
import json
import weakref
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

__all__ = ["MAX_FRAMES", "SliderDemo", "resampling_demo", "slider_demo"]

#: Upper bound on precomputed frames (the product of the stored slider lengths) per demo.
MAX_FRAMES = 60

_counter = itertools.count(1)
#: Every demo made in this process (benchmarks/ measures their update latency).
_DEMOS: weakref.WeakSet[SliderDemo] = weakref.WeakSet()


def _label(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _encode_png(figure: Figure, *, small: bool = False) -> bytes:
    """PNG of what the Agg canvas holds now (canvas.draw + Pillow: about twice as fast as
    savefig, which lays the figure out again). ``small`` quantises to a 256-colour palette,
    a third of the size, for the frames stored in the notebook."""
    from PIL import Image

    width, height = figure.canvas.get_width_height(physical=True)
    image = Image.frombuffer("RGBA", (width, height), figure.canvas.buffer_rgba())
    image = image.convert("RGB")
    if small:
        image = image.quantize(colors=256, method=Image.Quantize.FASTOCTREE)
    buffer = io.BytesIO()
    image.save(buffer, format="png", compress_level=6 if small else 1)
    return buffer.getvalue()


class SliderDemo:
    """A figure driven by sliders; see :func:`slider_demo`.

    Attributes
    ----------
    figure : Figure
        The one figure every update redraws.
    sliders : dict of str -> ipywidgets.SelectionSlider
        Set ``sliders[name].value`` to drive the demo from code (tests do).
    image : ipywidgets.Image
        Shows the current rendering.
    widget : ipywidgets.VBox
        Sliders above the image; what JupyterLab displays.
    options : dict of str -> list
        Every value each live slider offers.
    stored : dict of str -> list
        The values the static version keeps: ``options`` itself when the combinations fit
        in :data:`MAX_FRAMES`, otherwise an evenly spread subset (first and last included).
    frames : dict of tuple -> bytes
        PNG for every combination of stored values, keyed by the values in slider order.
    display : BeforeAfterDisplay or None
        The display a :func:`resampling_demo` updates; None for other demos.
    """

    def __init__(
        self,
        update: Callable[..., Any],
        *,
        figure: Figure,
        sliders: Mapping[str, Sequence[Any]],
        initial: Mapping[str, Any] | None = None,
        caption: str | None = None,
        dpi: int = 80,
    ) -> None:
        import ipywidgets as widgets

        self._update = update
        self.figure = figure
        self.display: Any = None
        self.names = list(sliders)
        self.options = {name: list(values) for name, values in sliders.items()}
        self.stored = _stored_values(self.options)
        self.caption = caption
        self.dpi = dpi
        self.id = f"slider-demo-{next(_counter)}"
        start = {name: values[len(values) // 2] for name, values in self.options.items()}
        start.update(initial or {})
        self.current = start
        # The demo shows the figure, so pyplot (and the inline backend) must not; an Agg
        # canvas of its own keeps it drawable after pyplot lets go of it.
        plt.close(figure)
        FigureCanvasAgg(figure)
        # Draw at the final resolution, and lay the figure out once: a layout engine
        # re-run on every change would cost more than the redraw itself.
        figure.set_dpi(dpi)
        changed = self._update(**start)
        figure.canvas.draw()
        figure.set_layout_engine("none")
        # If `update` says which artists it changed (as FuncAnimation's blit=True asks),
        # everything else is drawn once as a background and each change only redraws those.
        self._blit_artists: list[Any] = []
        self._background = None
        if changed is not None:
            self._set_blit_artists(changed)

        # Precompute every stored frame for the static version, then leave the figure at
        # `start` (which a live-only value may have no frame for).
        self.frames: dict[tuple[Any, ...], bytes] = {}
        for combo in itertools.product(*self.stored.values()):
            self._draw(**dict(zip(self.names, combo, strict=True)))
            self.frames[combo] = _encode_png(figure, small=True)
        self._draw(**start)
        png = self.frames.get(self._key(start)) or _encode_png(figure)

        self.image = widgets.Image(value=png, format="png")
        self.image.layout.max_width = "100%"
        self.sliders = {}
        for name, values in self.options.items():
            slider = widgets.SelectionSlider(
                options=[(_label(v), v) for v in values],
                value=start[name],
                description=name,
                continuous_update=True,
                style={"description_width": "initial"},
                layout=widgets.Layout(width="420px"),
            )
            slider.observe(self._on_change, names="value")
            self.sliders[name] = slider
        children = [*self.sliders.values(), self.image]
        if caption:
            children.insert(0, widgets.HTML(f"<b>{html.escape(caption)}</b>"))
        self.widget = widgets.VBox(children)
        _DEMOS.add(self)

    def _key(self, values: Mapping[str, Any]) -> tuple[Any, ...]:
        return tuple(values[name] for name in self.names)

    def _nearest_stored(self, name: str, value: Any) -> Any:
        stored, options = self.stored[name], self.options[name]
        if value in stored:
            return value
        index = options.index(value)
        return min(stored, key=lambda v: abs(options.index(v) - index))

    def _set_blit_artists(self, artists: Any) -> None:
        try:
            artists = list(artists)
        except TypeError:
            raise TypeError(
                "update must return None or an iterable of the artists it changed, "
                f"got {type(artists).__name__}."
            ) from None
        for artist in artists:
            artist.set_animated(True)
        self._blit_artists = artists
        self.figure.canvas.draw()  # the background, without the animated artists
        self._background = self.figure.canvas.copy_from_bbox(self.figure.bbox)

    def _draw(self, **values: Any) -> None:
        changed = self._update(**values)
        canvas = self.figure.canvas
        if self._background is None:
            canvas.draw()
            return
        if changed is not None and any(a not in self._blit_artists for a in changed):
            self._set_blit_artists(changed)  # update made new artists: new background
        canvas.restore_region(self._background)
        for artist in self._blit_artists:
            self.figure.draw_artist(artist)

    def render(self, **values: Any) -> bytes:
        """Redraw the figure for ``values`` (on the same figure) and return it as PNG."""
        self._draw(**values)
        return _encode_png(self.figure)

    def _on_change(self, change: Mapping[str, Any]) -> None:
        self.current = {name: slider.value for name, slider in self.sliders.items()}
        self.image.value = self.render(**self.current)

    # --- what the notebook stores -------------------------------------------------------
    def to_html(self) -> str:
        """Self-contained HTML: range inputs, the precomputed frames and a tiny script."""
        labels = {name: [_label(v) for v in values] for name, values in self.stored.items()}
        frames = {
            "|".join(_label(v) for v in key): "data:image/png;base64,"
            + base64.b64encode(png).decode("ascii")
            for key, png in self.frames.items()
        }
        # the stored value nearest the current one (the same, unless it is live-only)
        start = {name: self._nearest_stored(name, self.current[name]) for name in self.names}
        start_key = "|".join(_label(start[name]) for name in self.names)
        controls = []
        for name in self.names:
            index = self.stored[name].index(start[name])
            controls.append(
                f'<label class="slider-demo-control" '
                'style="display:inline-block;margin:0 1.5em 0.3em 0;white-space:nowrap">'
                '<span class="slider-demo-name" style="font-family:monospace">'
                f"{html.escape(name)}</span> "
                f'<input type="range" min="0" max="{len(self.stored[name]) - 1}" step="1" '
                f'value="{index}" data-param="{html.escape(name)}" '
                f'aria-label="{html.escape(name)}"> '
                '<output style="font-weight:bold">'
                f"{html.escape(labels[name][index])}</output></label>"
            )
        caption = (
            f'<div class="slider-demo-caption"><b>{html.escape(self.caption)}</b></div>'
            if self.caption
            else ""
        )
        alt = html.escape(self.caption or "slider demo")
        data = json.dumps({"names": self.names, "labels": labels, "frames": frames})
        return (
            f'<div class="slider-demo" id="{self.id}">{caption}'
            f'<div class="slider-demo-controls">{"".join(controls)}</div>'
            f'<img class="slider-demo-frame" alt="{alt}" style="max-width:100%" '
            f'src="{frames[start_key]}">'
            f'<script type="application/json" class="slider-demo-data">{data}</script>'
            f"<script>{_SCRIPT.replace('__ID__', self.id)}</script></div>"
        )

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude) or {}
        bundle = dict(bundle)
        bundle["text/html"] = self.to_html()
        combos = " x ".join(f"{name} ({len(v)} values)" for name, v in self.options.items())
        bundle["text/plain"] = f"SliderDemo: {combos}; {len(self.frames)} frames"
        return bundle


# Plain JavaScript, no dependencies: swap the frame when a range input moves.
_SCRIPT = """
(function () {
  var root = document.getElementById("__ID__");
  if (!root) { return; }
  var data = JSON.parse(root.querySelector(".slider-demo-data").textContent);
  var img = root.querySelector(".slider-demo-frame");
  var inputs = root.querySelectorAll("input[type=range]");
  function show() {
    var key = [];
    inputs.forEach(function (input) {
      var labels = data.labels[input.dataset.param];
      var label = labels[Number(input.value)];
      input.nextElementSibling.textContent = label;
      key.push(label);
    });
    img.src = data.frames[key.join("|")];
  }
  inputs.forEach(function (input) { input.addEventListener("input", show); });
})();
"""


def _stored_values(options: Mapping[str, list[Any]]) -> dict[str, list[Any]]:
    """Each slider's values for the static frames: all of them when the combinations fit
    in MAX_FRAMES; otherwise the longest slider gives up values, one at a time, and each
    keeps an evenly spread subset with its first and last value.

    >>> k = _stored_values({"k": list(range(1, 101))})["k"]
    >>> len(k), k[:4], k[-1]
    (60, [1, 3, 4, 6], 100)
    >>> stored = _stored_values({"k": list(range(1, 51)), "ratio": [0.25, 0.5, 1.0]})
    >>> len(stored["k"]), stored["k"][0], stored["k"][-1], stored["ratio"]
    (20, 1, 50, [0.25, 0.5, 1.0])
    """
    counts = {name: len(values) for name, values in options.items()}
    while int(np.prod(list(counts.values()))) > MAX_FRAMES:
        longest = max(counts, key=lambda name: counts[name])
        counts[longest] -= 1  # _check_sliders made sure two values each fit
    stored = {}
    for name, values in options.items():
        n, m = len(values), counts[name]
        picks = np.round(np.linspace(0, n - 1, m)).astype(int) if m < n else range(n)
        stored[name] = [values[i] for i in picks]
    return stored


def _check_sliders(sliders: Any, initial: Mapping[str, Any] | None) -> None:
    """Raise, naming the argument, unless ``sliders`` and ``initial`` make a valid demo."""
    if not isinstance(sliders, Mapping) or not sliders:
        raise TypeError("sliders must be a non-empty dict of name -> sequence of values.")
    for name, values in sliders.items():
        if not isinstance(name, str) or not name.isidentifier():
            raise ValueError(f"sliders: {name!r} is not a valid parameter name.")
        if isinstance(values, (str, bytes)) or not isinstance(values, Sequence) or not values:
            raise TypeError(
                f"sliders[{name!r}] must be a non-empty list of values, got {values!r}."
            )
        if len({_label(v) for v in values}) != len(values):
            raise ValueError(f"sliders[{name!r}] has duplicate values: {list(values)}.")
    fewest = int(np.prod([min(len(values), 2) for values in sliders.values()]))
    if fewest > MAX_FRAMES:
        raise ValueError(
            f"sliders: even the first and last value of each slider make {fewest} "
            f"combinations, more than MAX_FRAMES={MAX_FRAMES}; use fewer sliders."
        )
    if initial is not None and not isinstance(initial, Mapping):
        raise TypeError(f"initial must be a dict of name -> value, got {type(initial).__name__}.")
    for name, value in (initial or {}).items():
        if name not in sliders:
            raise ValueError(f"initial: {name!r} is not one of the sliders {list(sliders)}.")
        if value not in list(sliders[name]):
            raise ValueError(f"initial[{name!r}]={value!r} is not among {list(sliders[name])}.")


def slider_demo(
    update: Callable[..., Any],
    *,
    figure: Figure,
    sliders: Mapping[str, Sequence[Any]],
    initial: Mapping[str, Any] | None = None,
    caption: str | None = None,
    dpi: int = 80,
) -> SliderDemo:
    """Turn a redraw function into a slider demo (live in a kernel, static in the book).

    Parameters
    ----------
    update : callable
        Called as ``update(**values)`` with one keyword per slider; it redraws ``figure``
        in place. Either it clears axes and draws again (simple; the whole figure is then
        re-rendered, ~100-200 ms for two panels), or it updates existing artists
        (``set_offsets``, ``set_text``...) and returns the list of artists it changed:
        then only those are redrawn over a cached background, as with matplotlib's
        ``FuncAnimation(blit=True)``, and an update takes a few milliseconds. Axis limits
        should then stay fixed.
    figure : Figure
        The figure ``update`` draws on. It is rendered once per combination of slider
        values for the static version, then closed so the inline backend does not show
        it a second time.
    sliders : mapping of str -> sequence
        Parameter name -> the values its slider offers (numbers or strings), in order.
        Live, every value is offered; the static version stores at most
        :data:`MAX_FRAMES` frames, an evenly spread subset of each slider's values (first
        and last included) when the combinations are more.
    initial : mapping, optional
        Starting values; the middle of each sequence by default.
    caption : str, optional
        Shown above the sliders; also the image's alt text in the book.
    dpi : int, default=80
        Resolution of the rendered frames.

    Returns
    -------
    SliderDemo
        Displaying it (the last expression of a cell) shows the demo.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import numpy as np
    >>> fig, ax = plt.subplots()
    >>> x = np.linspace(0, 1, 50)
    >>> (line,) = ax.plot(x, x)
    >>> demo = slider_demo(lambda power: line.set_ydata(x**power),
    ...                    figure=fig, sliders={"power": [1, 2, 3]})
    >>> len(demo.frames)
    3
    """
    if not callable(update):
        raise TypeError(f"update must be callable, got {type(update).__name__}.")
    if not isinstance(figure, Figure):
        raise TypeError(f"figure must be a matplotlib Figure, got {type(figure).__name__}.")
    _check_sliders(sliders, initial)
    if not isinstance(dpi, int) or isinstance(dpi, bool) or dpi < 20:
        raise ValueError(f"dpi must be an int >= 20, got {dpi!r}.")
    return SliderDemo(
        update, figure=figure, sliders=sliders, initial=initial, caption=caption, dpi=dpi
    )


def resampling_demo(
    make_sampler: Callable[..., Any],
    X: Any,
    y: Any,
    *,
    sliders: Mapping[str, Sequence[Any]],
    technique_name: str,
    feature_names: Sequence[str] | None = None,
    initial: Mapping[str, Any] | None = None,
    caption: str | None = None,
) -> SliderDemo:
    """The course's standard slider: a sampler's parameters against its before/after picture.

    The figure is a :class:`~helpers.plotting.BeforeAfterDisplay` (the one
    :func:`~helpers.plotting.plot_before_after` draws: synthetic points as diamonds, removed
    points as crosses), drawn once and then moved with its ``update``, so moving a slider
    costs the resampling plus a few milliseconds of drawing. Every argument is checked before
    a figure opens or a sampler runs.

    Parameters
    ----------
    make_sampler : callable
        ``make_sampler(**values)`` returns an imbalanced-learn sampler for the slider values.
    X : array-like of shape (n_samples, 2 or more)
        Data (the first two features are drawn).
    y : array-like of shape (n_samples,)
    sliders : mapping of str -> sequence
        As in :func:`slider_demo`.
    technique_name : str
        Shown in the right panel's title.
    feature_names, initial, caption
        As in :func:`~helpers.plotting.plot_before_after` and :func:`slider_demo`.

    Returns
    -------
    SliderDemo
        Its ``display`` attribute is the :class:`~helpers.plotting.BeforeAfterDisplay`.

    Examples
    --------
    >>> from imblearn.over_sampling import SMOTE
    >>> from helpers import make_imbalanced
    >>> X, y = make_imbalanced(300)
    >>> demo = resampling_demo(lambda k_neighbors: SMOTE(k_neighbors=k_neighbors,
    ...                        random_state=0), X, y, sliders={"k_neighbors": [1, 5]},
    ...                        technique_name="SMOTE")
    >>> len(demo.frames)
    2
    """
    from ._validation import check_consistent_length, check_features, check_target
    from .plotting import BeforeAfterDisplay, split_new_and_removed

    # Every argument is checked before a figure opens or a sampler runs.
    if not callable(make_sampler):
        raise TypeError(f"make_sampler must be callable, got {type(make_sampler).__name__}.")
    if not isinstance(technique_name, str):
        raise TypeError(f"technique_name must be a string, got {type(technique_name).__name__}.")
    _check_sliders(sliders, initial)
    Xb = check_features(X, "X")
    yb = check_target(y, "y")
    check_consistent_length(Xb, yb)
    if Xb.shape[1] < 2:
        raise ValueError(f"X needs at least two features to plot, got {Xb.shape[1]}.")
    # Checks feature_names; shows X itself until the first update. X, not Xb: a DataFrame's
    # columns name the axes.
    display = BeforeAfterDisplay(
        X, yb, Xb, yb, technique_name=technique_name, feature_names=feature_names
    )

    def resample(**values: Any) -> tuple[np.ndarray, np.ndarray]:
        sampler = make_sampler(**values)
        if not hasattr(sampler, "fit_resample"):
            raise TypeError("make_sampler must return an object with fit_resample.")
        try:
            X_res, y_res = sampler.fit_resample(Xb, yb)
        except (ValueError, TypeError) as exc:  # e.g. more neighbours than minority rows
            message = f"make_sampler({values}) could not resample X, y: {exc}"
            raise (ValueError if isinstance(exc, ValueError) else TypeError)(message) from exc
        return np.asarray(X_res, dtype=float), np.asarray(y_res)

    # Resample every stored combination once up front: the frames need it anyway, it fixes
    # axis limits that hold every frame's points, and it tells which legend entries ever
    # have points (no "removed (n=0)" in an oversampling demo).
    stored = _stored_values({name: list(values) for name, values in sliders.items()})
    results = {
        combo: resample(**dict(zip(sliders, combo, strict=True)))
        for combo in itertools.product(*stored.values())
    }
    splits = {combo: split_new_and_removed(Xb, X_res) for combo, (X_res, _) in results.items()}
    display.plot(
        show_removed=any(is_removed.any() for _, is_removed in splits.values()),
        new_classes=[
            c
            for c in display.classes_
            if any((y_res[splits[k][0]] == c).any() for k, (_, y_res) in results.items())
        ],
    )
    everything = np.vstack([Xb[:, :2], *(X_res[:, :2] for X_res, _ in results.values())])
    low, high = everything.min(axis=0), everything.max(axis=0)
    pad = np.where(high > low, 0.05 * (high - low), 0.5)  # a constant feature still gets a range
    ax_before = display.axes_[0]  # the two panels share their axes
    ax_before.set_xlim(low[0] - pad[0], high[0] + pad[0])
    ax_before.set_ylim(low[1] - pad[1], high[1] + pad[1])

    def update(**values: Any) -> list[Any]:
        key = tuple(values[name] for name in sliders)
        # precomputed above, each used once (for its frame); a live change, including to a
        # value without a stored frame, resamples
        X_res, y_res = results.pop(key) if key in results else resample(**values)
        setting = ", ".join(f"{name}={_label(value)}" for name, value in values.items())
        return display.update(X_res, y_res, subtitle=setting)

    demo = slider_demo(
        update, figure=display.figure_, sliders=sliders, initial=initial, caption=caption
    )
    demo.display = display
    return demo
