/// The CSS classes a figure's SVG uses, and the default style it carries.
///
/// A figure colours nothing inline: each element has classes, and colours come from
/// CSS. The SVG's own `<style>` (``defaultStylesheet``) draws text and axes in
/// `currentColor` (so they take the page's text colour) and the data in mid-tone
/// colours that read on white and on near-black. A page themes figures by setting these
/// custom properties, for instance per `prefers-color-scheme`:
///
/// | property | used for | default |
/// |---|---|---|
/// | `--chart-series-0` … `--chart-series-7` | the data colours, in mark order | blue, orange, green, pink, purple, olive, teal, grey |
/// | `--chart-nonfinite` | markers of NaN, ±inf and off-axis points | red |
/// | `--chart-band` | band fill (drawn at 10% opacity) | `currentColor` |
/// | `--chart-reference` | reference lines | `currentColor` |
///
/// or by overriding the classes with more specific selectors (`svg.chart .chart-line`),
/// since the SVG's `<style>` comes after the page's stylesheet. Layout assumes the font
/// sizes in ``ChartMetrics``; a page that changes them may make labels collide.
///
/// ## Classes
///
/// | class | element |
/// |---|---|
/// | `chart` | the `<svg>` itself |
/// | `chart-title` | the title text above the plot |
/// | `chart-legend`, `chart-legend-entry` | the legend group and each entry (a group with a swatch and a `<text>`); the swatch has the series' classes |
/// | `chart-grid` | the grid lines (one path) |
/// | `chart-axis`, `chart-axis-x`, `chart-axis-y` | each axis group |
/// | `chart-axis-line` | an axis line with its tick marks (one path) |
/// | `chart-tick-label` | a tick label; `chart-exponent` is the raised exponent of `2^-24` |
/// | `chart-axis-label` | an axis title |
/// | `chart-marks` | the group of all data series |
/// | `chart-series`, `chart-series-0` … `chart-series-7` | one series' group; sets `color`, its children draw in `currentColor` |
/// | `chart-line` | a line series' path (one subpath per unbroken run) |
/// | `chart-spread` | the band under a line (one path per unbroken run, and the legend swatch); its default fill, the series colour at 20% opacity, is given by presentation attributes, which a page's rule for the class overrides |
/// | `chart-dot` | a scatter point, or a lone line point between two gaps |
/// | `chart-bar` | a histogram bar |
/// | `chart-marker` | a marker for an undrawable point, in the plot |
/// | `chart-nonfinite` | markers and their legend swatches; with `chart-nonfinite-posinf`, `-neginf`, `-nan` or `-nonpositive` |
/// | `chart-bands`, `chart-band-group`, `chart-band`, `chart-band-label` | bands: all, one, its rectangle, its label |
/// | `chart-references`, `chart-reference-group`, `chart-reference`, `chart-reference-label` | reference lines: all, one, its line, its label |
/// | `chart-bit-row`, `chart-field-label` | a ``BitLayout``'s row (its name, boxes, bit ticks and note) and the label inside a box; the boxes are `chart-bar`s with a series class |
public enum ChartStyle {
    /// The data colours' defaults, mid-tones chosen to keep about 3:1 contrast on both
    /// white and #16181b.
    public static let seriesColors = [
        "#4c8fd6", "#e8833a", "#3aa676", "#d65f8c", "#9b7fd4", "#a89a3a", "#3fa9b8", "#9a8f80",
    ]

    /// The opacity of the band under a line, as its `fill-opacity` attribute.
    static let spreadOpacity = "0.2"

    /// The default colour of non-finite markers.
    public static let nonFiniteColor = "#e0524a"

    /// The CSS inside every figure's `<style>`. It contains no `<`, `&` or quotes, so it is
    /// the same text in XML and in HTML. Each themable colour is declared twice, plain and
    /// then through its custom property, so viewers without `var()` still get the default.
    public static let defaultStylesheet: String = {
        var css = ".chart{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:11px}"
        css += ".chart text{fill:currentColor;stroke:none}"
        css += ".chart-title{font-size:14px;font-weight:600}"
        css += ".chart-axis-label{font-size:12px}"
        css += ".chart-axis-line{fill:none;stroke:currentColor;stroke-width:1}"
        css += ".chart-grid{fill:none;stroke:currentColor;stroke-opacity:.13;stroke-width:1}"
        for (i, color) in seriesColors.enumerated() {
            css += ".chart-series-\(i){color:\(color);color:var(--chart-series-\(i),\(color))}"
        }
        css += ".chart-line{fill:none;stroke:currentColor;stroke-width:1.6;stroke-linejoin:round;stroke-linecap:round}"
        css += ".chart-dot{fill:currentColor;stroke:none}"
        css += ".chart-bar{fill:currentColor;fill-opacity:.5;stroke:currentColor;stroke-width:1}"
        css += ".chart-band{fill:currentColor;fill:var(--chart-band,currentColor);fill-opacity:.1;stroke:none}"
        css += ".chart-band-label,.chart-reference-label{font-size:10px;fill-opacity:.85}"
        css += ".chart-reference{fill:none;stroke:currentColor;stroke:var(--chart-reference,currentColor);stroke-width:1;stroke-dasharray:4 3}"
        css += ".chart-nonfinite{color:\(nonFiniteColor);color:var(--chart-nonfinite,\(nonFiniteColor));fill:currentColor;stroke:currentColor;stroke-width:1.4}"
        css += ".chart-nonfinite-nan,.chart-nonfinite-nonpositive{fill:none}"
        return css
    }()
}
