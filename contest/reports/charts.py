"""Chart payloads (read by static/js/charts.js) and the text summaries screen readers hear."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask_babel import gettext as _


def chart(labels: Sequence[str], values: Sequence[float], series: str, *,
          horizontal: bool = False, suffix: str = "", direct_labels: bool = True,
          max_value: float | None = None) -> dict[str, Any]:
    """A single-series bar chart; ``suffix`` follows each value ("%")."""
    return {
        "labels": list(labels),
        "values": [round(float(v), 1) for v in values],
        "series": series,
        "horizontal": horizontal,
        "suffix": suffix,
        "directLabels": direct_labels,
        "max": max_value,
    }


def fmt(value: float | None, suffix: str = "") -> str:
    """A number the Vietnamese way (decimal comma), or a dash when unknown."""
    if value is None:
        return "—"
    text = f"{value:,.1f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"
    return text.replace(",", " ").replace(".", ",") + suffix


def summary(title: str, labels: Sequence[str], values: Sequence[float], suffix: str = "") -> str:
    """One sentence: what the chart shows, its highest and lowest bars."""
    if not values:
        return _("%(title)s: chưa có dữ liệu.", title=title)
    hi = max(range(len(values)), key=lambda i: values[i])
    lo = min(range(len(values)), key=lambda i: values[i])
    return _("%(title)s. %(bars)s cột; cao nhất %(hi_label)s: %(hi_value)s; "
             "thấp nhất %(lo_label)s: %(lo_value)s. Bảng số liệu ở ngay dưới.",
             title=title, bars=len(values), hi_label=labels[hi], hi_value=fmt(values[hi], suffix),
             lo_label=labels[lo], lo_value=fmt(values[lo], suffix))
