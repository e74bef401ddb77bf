//! The escalation chart: dated reported events per month (per year when the dated period is
//! longer than about three years), with their summed severity, drawn as ASCII bars.

use super::families::is_context;
use super::lines::EventLine;
use crate::analysis::Status;
use crate::date::DateValue;
use serde::Serialize;

/// Periods longer than this many days are charted per year.
pub const YEARLY_AFTER_DAYS: i64 = 3 * 365 + 1;

/// Shortest run of empty periods drawn as one line.
pub const EMPTY_RUN: usize = 3;

/// Widest bar, in characters.
pub const BAR_WIDTH: usize = 30;

/// One bar: a month (`2024-07`), a year (`2024`), or a year-only bucket in a monthly chart
/// (`2024`, listed after that year's months).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChartRow {
    pub period: String,
    pub events: usize,
    /// Summed severity, one decimal.
    pub severity: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Chart {
    /// "month" or "year".
    pub bucket: &'static str,
    pub rows: Vec<ChartRow>,
}

/// Buckets dated reported events (context-only ones, of severity 0, left out: a disaster is no
/// escalation) (per year also when none is known to the month); every month (or year) between the first and last is listed,
/// empty ones included, so gaps show. `None` when no reported event is dated.
pub fn build(lines: &[EventLine]) -> Option<Chart> {
    let dated: Vec<(DateValue, f64)> = lines
        .iter()
        .filter(|l| l.status == Status::Reported && !is_context(l))
        .filter_map(|l| l.date.map(|d| (d, l.severity)))
        .collect();
    let first = dated.iter().map(|(d, _)| d.first_day()).min()?;
    let last = dated.iter().map(|(d, _)| d.last_day()).max()?;
    let months = month_range(&dated);
    let yearly = last - first > YEARLY_AFTER_DAYS || months.is_none();
    let mut keys: Vec<(i32, u8)> = Vec::new();
    let (y0, y1) = (
        DateValue::from_days(first).year,
        DateValue::from_days(last).year,
    );
    for y in y0..=y1 {
        if !yearly {
            keys.extend((1..=12u8).map(|m| (y, m)));
        }
        keys.push((y, 13));
    }
    let key_of = |d: &DateValue| match (yearly, d.month) {
        (false, Some(m)) => (d.year, m),
        _ => (d.year, 13),
    };
    let mut rows: Vec<(_, ChartRow)> = keys
        .into_iter()
        .map(|(y, m)| {
            let period = if m == 13 {
                format!("{y:04}")
            } else {
                format!("{y:04}-{m:02}")
            };
            let row = ChartRow {
                period,
                events: 0,
                severity: 0.0,
            };
            ((y, m), row)
        })
        .collect();
    for (d, sev) in &dated {
        if let Some((_, row)) = rows.iter_mut().find(|(k, _)| *k == key_of(d)) {
            row.events += 1;
            row.severity += sev;
        }
    }
    let (lo, hi) = months.unwrap_or(((y0, 1), (y1, 12)));
    let rows = rows
        .into_iter()
        // Keep months inside the period; a year-only bucket only when something is in it.
        .filter(|((y, m), row)| {
            if *m == 13 && !yearly {
                row.events > 0
            } else {
                yearly || ((*y, *m) >= lo && (*y, *m) <= hi)
            }
        })
        .map(|(_, mut row)| {
            row.severity = (row.severity * 10.0).round() / 10.0;
            row
        })
        .collect();
    Some(Chart {
        bucket: if yearly { "year" } else { "month" },
        rows,
    })
}

/// The chart as aligned text lines: `2024-07  ##########     2 events  -20.0`. Bars are '#'
/// for net conflict, '+' for net de-escalation, scaled to the largest |severity|. Runs of at
/// least [`EMPTY_RUN`] empty periods are drawn as one line (`2023-01 to 2023-09: no events`).
pub fn draw(chart: &Chart, bar_width: usize) -> Vec<String> {
    let label_w = chart.rows.iter().map(|r| r.period.len()).max().unwrap_or(4);
    let max_abs = chart
        .rows
        .iter()
        .map(|r| r.severity.abs())
        .fold(0.0_f64, f64::max);
    let count_w = chart
        .rows
        .iter()
        .map(|r| r.events.to_string().len())
        .max()
        .unwrap_or(1);
    let sev_w = chart
        .rows
        .iter()
        .map(|r| format!("{:.1}", r.severity).len())
        .max()
        .unwrap_or(3);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chart.rows.len() {
        let run = chart.rows[i..].iter().take_while(|r| r.events == 0).count();
        if run >= EMPTY_RUN {
            let (first, last) = (&chart.rows[i].period, &chart.rows[i + run - 1].period);
            out.push(format!("{first} to {last}: no events"));
            i += run;
            continue;
        }
        let r = &chart.rows[i];
        let len = bar_len(r.severity, max_abs, bar_width);
        let mark = if r.severity < 0.0 { "#" } else { "+" };
        let bar = mark.repeat(len);
        let noun = if r.events == 1 { "event " } else { "events" };
        let line = format!(
            "{:<label_w$}  {:<bar_width$}  {:>count_w$} {noun}  {:>sev_w$.1}",
            r.period, bar, r.events, r.severity
        );
        out.push(line.trim_end().to_string());
        i += 1;
    }
    out
}

/// First and last month of the events known at least to the month.
fn month_range(dated: &[(DateValue, f64)]) -> Option<((i32, u8), (i32, u8))> {
    let months = dated
        .iter()
        .filter_map(|(d, _)| d.month.map(|m| (d.year, m)));
    Some((months.clone().min()?, months.max()?))
}

fn bar_len(severity: f64, max_abs: f64, width: usize) -> usize {
    if max_abs <= 0.0 || severity == 0.0 {
        return 0;
    }
    let len = (severity.abs() / max_abs * width as f64).round() as usize;
    len.clamp(1, width)
}
