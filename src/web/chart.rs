//! Bar charts as SVG, drawn with plotters' SVG backend: no font file is read (the backend writes
//! text as SVG text, which the browser sets in the page's font), nothing is downloaded, and the
//! labels are escaped by the backend. Horizontal bars, because the categories are names.

use plotters::prelude::*;

/// Bars drawn at most; a longer list is cut, and its table and file hold the rest.
pub const MAX_BARS: usize = 30;

const WIDTH: u32 = 720;
const ROW: u32 = 26;
const LABEL: i32 = 300;

/// A bar chart of `bars` (label, value), titled `title`, as an SVG element.
pub fn bars(title: &str, bars: &[(String, f64)]) -> String {
    let shown = &bars[..bars.len().min(MAX_BARS)];
    let height = 40 + ROW * shown.len().max(1) as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let _ = draw(&root, title, shown);
        let _ = root.present();
    }
    // Named for assistive technology: the title is the chart's accessible name.
    svg.replacen("<svg ", &format!("<svg role=\"img\" aria-label=\"{}\" ", escape(title)), 1)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

type Drawn = Result<(), DrawingAreaErrorKind<std::io::Error>>;

fn draw(root: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>, title: &str, shown: &[(String, f64)]) -> Drawn {
    root.fill(&WHITE)?;
    let text = ("sans-serif", 14).into_font().color(&BLACK);
    root.draw(&Text::new(title.to_string(), (8, 8), ("sans-serif", 16).into_font().style(FontStyle::Bold)))?;
    let most = shown.iter().map(|(_, v)| *v).fold(0.0_f64, f64::max).max(1.0);
    let room = f64::from(WIDTH as i32 - LABEL - 60);
    for (i, (label, value)) in shown.iter().enumerate() {
        let top = 36 + (ROW as i32) * i as i32;
        let short: String = if label.chars().count() > 42 {
            label.chars().take(40).chain("…".chars()).collect()
        } else {
            label.clone()
        };
        root.draw(&Text::new(short, (8, top + 4), text.clone()))?;
        let right = LABEL + (room * value / most).round() as i32;
        root.draw(&Rectangle::new(
            [(LABEL, top + 2), (right.max(LABEL + 1), top + ROW as i32 - 4)],
            RGBColor(0x2b, 0x5c, 0x8a).filled(),
        ))?;
        root.draw(&Text::new(format!("{value}"), (right + 6, top + 4), text.clone()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_is_svg_with_its_labels_escaped() {
        let svg = bars("Số văn bản <theo loại>", &[("Kế hoạch & chương trình".into(), 3.0), ("Quy chế".into(), 1.0)]);
        assert!(svg.starts_with("<svg role=\"img\" aria-label=\"Số văn bản &lt;theo loại&gt;\""));
        assert!(svg.contains("Kế hoạch &amp; chương trình"));
        assert_eq!(svg.matches("<rect").count(), 3, "the background and two bars");
    }
}
