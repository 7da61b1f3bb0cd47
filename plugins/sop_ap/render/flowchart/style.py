"""Sizes, fonts, sentinel colours and the stylesheet of the flowchart drawing (shared by every stage)."""

from __future__ import annotations

FG = "#010203"
"""Sentinel colour for lines and text; becomes ``currentColor``."""
FILL = "#040506"
"""Sentinel fill colour of symbols; becomes ``none`` (the stylesheet tints them by class)."""
LANE_LINE = "#070809"
"""Sentinel colour of the lane grid lines; becomes a faint ``currentColor``."""
FONT = "DejaVu Sans"
FONT_BOLD = "DejaVu Sans Bold"
FONT_STACK = "DejaVu Sans, Verdana, Arial, sans-serif"
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

STEP_FONTSIZE = 12
DECISION_FONTSIZE = 11
LABEL_FONTSIZE = 10
HEADER_FONTSIZE = 12
STEP_WRAP = 18
DECISION_WRAP = 15
LABEL_WRAP = 16
HEADER_WRAP = 20
MAX_LINES = 4
DECISION_LINES = 3
MIN_BOX_WIDTH = 1.7 * 72
"""Every process and terminator box is at least this wide (points), so the lanes look alike."""
ARROW = 7.0
"""Length of an arrowhead (Graphviz: 10 points times arrowsize 0.7)."""
TRACK = 8.0
"""Distance between parallel lines in a channel or a gap (points)."""

SYMBOL_CLASS = {"terminator": "sop-fc-terminator", "proses": "sop-fc-process", "keputusan": "sop-fc-decision",
                "penghubung": "sop-fc-connector"}

FLOWCHART_CSS = """
svg.sop-fc { --sop-fc-terminator: rgba(46, 125, 50, .14); --sop-fc-process: rgba(48, 63, 159, .08);
  --sop-fc-decision: rgba(255, 160, 0, .22); --sop-fc-lane: rgba(0, 0, 0, .028);
  --sop-fc-head: rgba(0, 0, 0, .06); --sop-fc-grid: currentColor; --sop-fc-active: var(--md-accent-fg-color, #526cfe);
  --sop-fc-active-fill: rgba(82, 108, 254, .20); }
[data-md-color-scheme="slate"] svg.sop-fc { --sop-fc-terminator: rgba(129, 199, 132, .20);
  --sop-fc-process: rgba(159, 168, 218, .14); --sop-fc-decision: rgba(255, 213, 79, .20);
  --sop-fc-lane: rgba(255, 255, 255, .035); --sop-fc-head: rgba(255, 255, 255, .08);
  --sop-fc-active-fill: rgba(82, 108, 254, .35); }
svg.sop-fc .sop-fc-terminator > path, svg.sop-fc .sop-fc-terminator > polygon { fill: var(--sop-fc-terminator); }
svg.sop-fc .sop-fc-process > polygon { fill: var(--sop-fc-process); }
svg.sop-fc .sop-fc-decision > polygon { fill: var(--sop-fc-decision); }
svg.sop-fc .sop-fc-connector > ellipse { fill: var(--sop-fc-process); }
svg.sop-fc .sop-fc-lane > polygon { stroke: var(--sop-fc-grid); stroke-opacity: .28; fill: none; }
svg.sop-fc .sop-fc-lane-odd > polygon { fill: var(--sop-fc-lane); }
svg.sop-fc .sop-fc-lane-title > polygon { fill: var(--sop-fc-head); stroke: var(--sop-fc-grid); stroke-opacity: .28; }
svg.sop-fc .sop-fc-lane-title text { font-weight: 700; }
svg.sop-fc .sop-fc-link > path { stroke-dasharray: 5 3; }
svg.sop-fc .sop-fc-link text { font-style: italic; }
svg.sop-fc .sop-step { cursor: pointer; }
svg.sop-fc .sop-step > path, svg.sop-fc .sop-step > polygon { pointer-events: all; }
svg.sop-fc .sop-step:focus { outline: none; }
svg.sop-fc .sop-step:hover > path, svg.sop-fc .sop-step:hover > polygon { stroke-width: 2px; }
svg.sop-fc .sop-step:focus-visible > path, svg.sop-fc .sop-step:focus-visible > polygon,
svg.sop-fc .sop-step.is-active > path, svg.sop-fc .sop-step.is-active > polygon {
  stroke: var(--sop-fc-active); stroke-width: 3px; fill: var(--sop-fc-active-fill); }
svg.sop-fc .sop-step.is-active text { font-weight: 700; }
@media print { svg.sop-fc { --sop-fc-lane: transparent; --sop-fc-head: transparent; } }
"""
"""Stylesheet for the flowchart SVG (class ``sop-fc``), for Material's light and dark (slate) palettes."""
