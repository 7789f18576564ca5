"""Plotly figures for every chart funcnet shows: arrays in, `go.Figure` out.

Charts never compute metrics: `funcnet.analysis.evaluation` does that with
scikit-learn, and the builders here only draw what they are given (the
`ConfusionMatrixDisplay` split of scikit-learn). Pages only call
`st.plotly_chart(fig, theme=None)` on the results.

Every figure shares one look, made to be read on a projector: a white
template, large type, a title, axis titles, a hover template on every trace
and a height that suits a 1280-px-wide page (the width follows the
container). Colours are fixed per series across all charts: training and
validation always have the same two colours, class `i` always has
`class_color(i)`, and each activation has `activation_color(name)`, keyed by
its position in `funcnet.model.activations.ACTIVATIONS` so adding an activation at
the end never recolours the others.

The package holds one module per kind of chart (`curves`, `bands`, `classification`,
`images`, `regression`, `boundary`, `activations`, `fit`, `network`) and their shared
look (`style`); every builder is importable from here.
"""

from funcnet.analysis.charts.activations import (  # noqa: F401
    activation_figure,
    parameter_bar,
)
from funcnet.analysis.charts.bands import (  # noqa: F401
    band_figure,
)
from funcnet.analysis.charts.boundary import (  # noqa: F401
    dataset_scatter,
    decision_boundary_figure,
    refill_boundary_figure,
)
from funcnet.analysis.charts.classification import (  # noqa: F401
    CELL_TRACE,
    calibration_figure,
    confusion_figure,
    precision_recall_figure,
    roc_figure,
    score_histogram,
)
from funcnet.analysis.charts.curves import (  # noqa: F401
    comparison_curves,
    history_figure,
    history_frame,
    refill_history_figure,
)
from funcnet.analysis.charts.fit import (  # noqa: F401
    fit_gap_figure,
)
from funcnet.analysis.charts.images import (  # noqa: F401
    image_grid,
    image_side,
)
from funcnet.analysis.charts.network import (  # noqa: F401
    example_figure,
    neuron_planes_figure,
    output_bars,
    weights_figure,
)
from funcnet.analysis.charts.regression import (  # noqa: F401
    regression_figures,
)
from funcnet.analysis.charts.style import (  # noqa: F401
    ACTIVATION_COLORS,
    CLASS_COLORS,
    FIGURE_HEIGHT,
    FONT_SIZE,
    MARKER_COLOR,
    PARAMETER_COLOR,
    REFERENCE_COLOR,
    SQUARE_FIGURE_HEIGHT,
    TEST_COLOR,
    TRAIN_COLOR,
    VALIDATION_COLOR,
    RocLike,
    activation_color,
    annotate_empty,
    class_color,
    epoch_axis,
    finish_layout,
    metric_label,
)
