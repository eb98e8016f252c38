//! Charts drawn as SVG on the server (they show before hydration and print): lines over the
//! days of a water year with Jalali month ticks and Persian digits, a legend as an ordinary
//! (right-to-left) list, a text summary, and the data as a table of month-end values for
//! screen readers. After hydration, moving the pointer over a chart reads out the values of
//! the day under it. Also the dam's fill gauge ("teacup") and the stations' position map.

use crate::model::Point;
use crate::persian::jalali::{JalaliDate, MONTH_NAMES};
use crate::persian::{format_decimal, to_persian_digits};
use leptos::prelude::*;

const W: f64 = 720.0;
const H: f64 = 260.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 30.0;

/// One line of a chart.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Series {
    pub label: String,
    /// A CSS class giving its colour and dash (`series-now`, `series-last`, `series-alt`).
    pub class: String,
    pub points: Vec<Point>,
}

/// The first day (0 = 1 Mehr) of each month of a water year, Mehr first, and the year's
/// length: Mehr to Esfand have 30 days (Esfand 29 or 30), Farvardin to Shahrivar 31.
fn month_starts(water_year: i32) -> ([u16; 12], u16) {
    let jdn = |year: i32, month: u8| {
        JalaliDate {
            year,
            month,
            day: 1,
        }
        .to_jdn()
    };
    let start = jdn(water_year, 7);
    let mut out = [0u16; 12];
    for (m, slot) in out.iter_mut().enumerate() {
        let month = ((m + 6) % 12 + 1) as u8;
        let year = if m < 6 { water_year } else { water_year + 1 };
        *slot = (jdn(year, month) - start) as u16;
    }
    (out, (jdn(water_year + 1, 7) - start) as u16)
}

/// The month (0 = Mehr) and day of the month of a day of the water year.
fn month_and_day(starts: &[u16; 12], day: u16) -> (usize, u16) {
    let m = starts.iter().rposition(|s| *s <= day).unwrap_or(0);
    (m, day - starts[m] + 1)
}

/// The water-year month names, Mehr first.
fn month_name(i: usize) -> &'static str {
    MONTH_NAMES[(i + 6) % 12]
}

/// A round step for about five ticks up to `max`.
fn nice_step(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let raw = max / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let n = raw / mag;
    let nice = if n <= 1.0 {
        1.0
    } else if n <= 2.0 {
        2.0
    } else if n <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

/// The value a series has on a day: its last point on or before it.
fn value_on(points: &[Point], day: u16) -> Option<f64> {
    points
        .iter()
        .rev()
        .find(|(d, _)| *d <= day)
        .map(|(_, v)| *v)
}

/// An island: the server draws it, the browser adds the reading under the pointer.
#[island]
pub fn LineChart(
    /// The id of the figure (its caption and table hang off it).
    id: String,
    title: String,
    /// What the values are in, for the axis and the table (`میلی‌متر`, `میلیون مترمکعب`).
    #[prop(into)]
    unit: String,
    series: Vec<Series>,
    /// A sentence saying what the chart shows.
    summary: String,
    /// The water year the days count from (its months and length).
    water_year: i32,
) -> impl IntoView {
    let (starts, days) = month_starts(water_year);
    let max = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1))
        .fold(0.0_f64, f64::max);
    let step = nice_step(max);
    let top = (max / step).ceil().max(1.0) * step;
    let x = move |d: u16| LEFT + (W - LEFT - RIGHT) * d as f64 / (days.max(2) - 1) as f64;
    let y = move |v: f64| TOP + (H - TOP - BOTTOM) * (1.0 - v / top);
    let ticks: Vec<f64> = (0..=((top / step).round() as usize))
        .map(|i| i as f64 * step)
        .collect();
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let lines: Vec<(String, String, String)> = series
        .iter()
        .map(|s| {
            let pts = s
                .points
                .iter()
                .map(|(d, v)| format!("{:.1},{:.1}", x(*d), y(*v)))
                .collect::<Vec<_>>()
                .join(" ");
            (s.label.clone(), s.class.clone(), pts)
        })
        .collect();
    // Month-end values for the table.
    let months: Vec<(usize, Vec<Option<f64>>)> = (0..12)
        .filter_map(|m| {
            let end = starts.get(m + 1).copied().unwrap_or(days) - 1;
            let row: Vec<Option<f64>> = series
                .iter()
                .map(|s| {
                    s.points
                        .iter()
                        .any(|(d, _)| month_and_day(&starts, *d).0 <= m)
                        .then(|| value_on(&s.points, end))
                        .flatten()
                })
                .collect();
            row.iter().any(Option::is_some).then_some((m, row))
        })
        .collect();
    let (hover, set_hover) = signal(None::<u16>);
    let for_readout = series.clone();
    let on_move = move |ev: leptos::ev::PointerEvent| {
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            let Some(el) = ev
                .current_target()
                .and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok())
            else {
                return;
            };
            let width = el.client_width().max(1) as f64;
            let px = ev.offset_x() as f64 / width * W;
            let day = ((px - LEFT) / (W - LEFT - RIGHT) * (days - 1) as f64).round();
            set_hover.set((0.0..days as f64).contains(&day).then_some(day as u16));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, set_hover);
    };
    let readout = move || {
        hover.get().map(|d| {
            let parts: Vec<String> = for_readout
                .iter()
                .filter_map(|s| {
                    value_on(&s.points, d).map(|v| format!("{}: {}", s.label, format_decimal(v, 2)))
                })
                .collect();
            let (m, day) = month_and_day(&starts, d);
            format!(
                "{} {}، روز {} سال آبی — {}",
                month_name(m),
                to_persian_digits(&day.to_string()),
                to_persian_digits(&(d + 1).to_string()),
                parts.join("؛ ")
            )
        })
    };
    let headers: Vec<String> = series.iter().map(|s| s.label.clone()).collect();
    view! {
        <figure class="chart" id=id.clone()>
            <figcaption>
                <strong id=title_id.clone()>{title}</strong>
                <span id=desc_id.clone() class="chart-summary">{summary}</span>
                <span class="chart-unit">{format!("واحد: {unit}")}</span>
            </figcaption>
            <ul class="legend">
                {lines.iter().map(|(label, class, _)| view! {
                    <li><span class=format!("swatch {class}") aria-hidden="true"></span>{label.clone()}</li>
                }).collect_view()}
            </ul>
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-labelledby=title_id aria-describedby=desc_id
                class="chart-svg" on:pointermove=on_move on:pointerleave=move |_| set_hover.set(None)>
                {ticks.iter().map(|t| view! {
                    <line x1=LEFT x2=W - RIGHT y1=y(*t) y2=y(*t) class="grid"/>
                    <text x=LEFT - 6.0 y=y(*t) + 4.0 text-anchor="end" class="tick">{format_decimal(*t, 2)}</text>
                }).collect_view()}
                {(0..12).map(|m| {
                    let d = starts[m];
                    view! {
                        <line x1=x(d) x2=x(d) y1=TOP y2=H - BOTTOM class="grid grid-month"/>
                        <text x=x(d) + 2.0 y=H - 10.0 class="tick">{month_name(m)}</text>
                    }
                }).collect_view()}
                {lines.into_iter().map(|(_, class, pts)| view! {
                    <polyline points=pts class=format!("line {class}") fill="none"/>
                }).collect_view()}
                {move || hover.get().map(|d| view! {
                    <line x1=x(d) x2=x(d) y1=TOP y2=H - BOTTOM class="cursor"/>
                })}
            </svg>
            <p class="chart-readout" aria-live="polite">{readout}</p>
            <details class="chart-data">
                <summary>"داده‌های نمودار (جدول پایان هر ماه)"</summary>
                <div class="table-wrap">
                    <table>
                        <thead><tr>
                            <th scope="col">"ماه"</th>
                            {headers.into_iter().map(|h| view! { <th scope="col">{format!("{h} ({unit})")}</th> }).collect_view()}
                        </tr></thead>
                        <tbody>
                            {months.into_iter().map(|(m, row)| view! {
                                <tr>
                                    <th scope="row">{month_name(m)}</th>
                                    {row.into_iter().map(|v| view! { <td>{v.map(|v| format_decimal(v, 2)).unwrap_or_else(|| "—".into())}</td> }).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
}

/// A dam's fill as a cup filled to its share of the capacity, with last year's mark.
#[component]
pub fn FillGauge(name: String, percent: Option<f64>, last_year: Option<f64>) -> impl IntoView {
    let (w, h) = (120.0, 100.0);
    // The cup: wider at the top.
    let cup = "10,5 110,5 95,95 25,95";
    let level = |p: f64| 95.0 - 90.0 * p / 100.0;
    // The cup's half width at height `yy`: 35 at the bottom (y = 95), 50 at the rim (y = 5).
    let half_width = |yy: f64| 35.0 + 15.0 * (95.0 - yy) / 90.0;
    let label = match percent {
        Some(p) => format!("{name}: {} درصد پر", format_decimal(p, 0)),
        None => format!("{name}: بی‌داده"),
    };
    let water = percent.map(|p| {
        let yy = level(p);
        let hw = half_width(yy);
        format!(
            "{:.1},{:.1} {:.1},{:.1} 95,95 25,95",
            60.0 - hw,
            yy,
            60.0 + hw,
            yy
        )
    });
    view! {
        <svg viewBox=format!("0 0 {w} {h}") class="gauge" role="img" aria-label=label>
            {water.map(|pts| view! { <polygon points=pts class="gauge-water"/> })}
            <polygon points=cup class="gauge-cup" fill="none"/>
            {last_year.map(|p| {
                let yy = level(p);
                view! { <line x1=8 x2=112 y1=yy y2=yy class="gauge-last"/> }
            })}
            <text x=60 y=55 text-anchor="middle" class="gauge-text">
                {percent.map(|p| format!("{}٪", format_decimal(p, 0))).unwrap_or_else(|| "—".into())}
            </text>
        </svg>
    }
}

/// A station on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub name: String,
    pub href: String,
    pub latitude: f64,
    pub longitude: f64,
    /// Drawn larger for more rain.
    pub weight: f64,
}

/// Stations placed by their coordinates over a graticule of the province's extent (no tile
/// server: it works on a closed network and prints).
#[component]
pub fn PlaceMap(places: Vec<Place>, title: String) -> impl IntoView {
    // Qom province lies within about 34.1–35.2 N and 50.1–51.9 E.
    let (lat0, lat1, lon0, lon1) = (34.1, 35.2, 50.1, 51.9);
    let (w, h) = (540.0, 330.0);
    let px = move |lon: f64| 20.0 + (w - 40.0) * (lon - lon0) / (lon1 - lon0);
    let py = move |lat: f64| 20.0 + (h - 40.0) * (lat1 - lat) / (lat1 - lat0);
    let max = places
        .iter()
        .map(|p| p.weight)
        .fold(0.0_f64, f64::max)
        .max(1e-9);
    view! {
        // A group, not an image: each station is a link a keyboard reaches.
        <div role="group" aria-label=title>
        <svg viewBox=format!("0 0 {w} {h}") class="place-map">
            <rect x=20 y=20 width=w - 40.0 height=h - 40.0 class="map-frame"/>
            {[50.5, 51.0, 51.5].into_iter().map(|lon| view! {
                <line x1=px(lon) x2=px(lon) y1=20 y2=h - 20.0 class="grid"/>
                <text x=px(lon) y=h - 6.0 text-anchor="middle" class="tick">{format!("{}° شرقی", format_decimal(lon, 1))}</text>
            }).collect_view()}
            {[34.5, 35.0].into_iter().map(|lat| view! {
                <line x1=20 x2=w - 20.0 y1=py(lat) y2=py(lat) class="grid"/>
                <text x=22 y=py(lat) - 3.0 class="tick">{format!("{}° شمالی", format_decimal(lat, 1))}</text>
            }).collect_view()}
            {places.into_iter().map(|p| {
                let r = 4.0 + 10.0 * (p.weight / max).sqrt();
                view! {
                    <a href=p.href.clone()>
                        <circle cx=px(p.longitude) cy=py(p.latitude) r=r class="map-point">
                            <title>{p.name.clone()}</title>
                        </circle>
                        <text x=px(p.longitude) y=py(p.latitude) - r - 3.0 text-anchor="middle" class="map-label">{p.name}</text>
                    </a>
                }
            }).collect_view()}
        </svg>
        </div>
    }
}

/// Bars for a few labelled values that may be negative (an aquifer's yearly change).
#[component]
pub fn YearBars(
    id: String,
    title: String,
    unit: &'static str,
    bars: Vec<(String, f64)>,
    summary: String,
) -> impl IntoView {
    let (w, h) = (W, 230.0);
    let max = bars
        .iter()
        .map(|b| b.1.abs())
        .fold(0.0_f64, f64::max)
        .max(1e-9);
    let mid = h / 2.0;
    let slot = (w - LEFT - RIGHT) / bars.len().max(1) as f64;
    let title_id = format!("{id}-title");
    view! {
        <figure class="chart" id=id.clone()>
            <figcaption>
                <strong id=title_id.clone()>{title}</strong>
                <span class="chart-summary">{summary}</span>
                <span class="chart-unit">{format!("واحد: {unit}")}</span>
            </figcaption>
            <svg viewBox=format!("0 0 {w} {h}") role="img" aria-labelledby=title_id class="chart-svg">
                <line x1=LEFT x2=w - RIGHT y1=mid y2=mid class="grid"/>
                {bars.into_iter().enumerate().map(|(i, (label, v))| {
                    let bh = (mid - 38.0) * v.abs() / max;
                    let x = LEFT + slot * i as f64 + slot * 0.2;
                    let y = if v >= 0.0 { mid - bh } else { mid };
                    let class = if v >= 0.0 { "bar bar-up" } else { "bar bar-down" };
                    let ty = if v >= 0.0 { y - 4.0 } else { y + bh + 14.0 };
                    view! {
                        <rect x=x y=y width=slot * 0.6 height=bh.max(0.5) class=class><title>{format!("{label}: {}", format_decimal(v, 2))}</title></rect>
                        <text x=x + slot * 0.3 y=ty text-anchor="middle" class="tick">{format_decimal(v, 2)}</text>
                        <text x=x + slot * 0.3 y=h - 4.0 text-anchor="middle" class="tick">{label}</text>
                    }
                }).collect_view()}
            </svg>
        </figure>
    }
}

/// Bars of counts (visits a day or an hour), every `label_every`-th labelled below, each
/// bar's label and value in its tooltip; the figures again as a table for screen readers.
#[component]
pub fn CountBars(
    id: String,
    title: String,
    bars: Vec<(String, i64)>,
    label_every: usize,
    summary: String,
) -> impl IntoView {
    let (w, h) = (W, 220.0);
    let max = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1) as f64;
    let step = nice_step(max);
    let top = (max / step).ceil() * step;
    let plot = h - TOP - BOTTOM;
    let slot = (w - LEFT - RIGHT) / bars.len().max(1) as f64;
    let title_id = format!("{id}-title");
    let ticks: Vec<f64> = (0..=((top / step) as usize))
        .map(|i| i as f64 * step)
        .collect();
    let every = label_every.max(1);
    let rows = bars.clone();
    view! {
        <figure class="chart" id=id.clone()>
            <figcaption>
                <strong id=title_id.clone()>{title}</strong>
                <span class="chart-summary">{summary}</span>
            </figcaption>
            <svg viewBox=format!("0 0 {w} {h}") role="img" aria-labelledby=title_id class="chart-svg">
                {ticks.into_iter().map(|t| {
                    let y = TOP + plot - plot * t / top;
                    view! {
                        <line x1=LEFT x2=w - RIGHT y1=y y2=y class="grid"/>
                        <text x=LEFT - 6.0 y=y + 4.0 text-anchor="end" class="tick">{to_persian_digits(&(t as i64).to_string())}</text>
                    }
                }).collect_view()}
                {bars.into_iter().enumerate().map(|(i, (label, v))| {
                    let bh = plot * v as f64 / top;
                    let x = LEFT + slot * i as f64 + slot * 0.15;
                    let tip = format!("{label}: {}", to_persian_digits(&v.to_string()));
                    let shown = (i % every == 0).then(|| view! {
                        <text x=x + slot * 0.35 y=h - 8.0 text-anchor="middle" class="tick">{label.clone()}</text>
                    });
                    view! {
                        <rect x=x y=TOP + plot - bh width=slot * 0.7 height=bh.max(0.5) class="bar bar-up"><title>{tip}</title></rect>
                        {shown}
                    }
                }).collect_view()}
            </svg>
            <details class="chart-data">
                <summary>"جدول داده‌ها"</summary>
                <table>
                    <tbody>
                        {rows.into_iter().map(|(label, v)| view! {
                            <tr><th scope="row">{label}</th><td>{to_persian_digits(&v.to_string())}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_of_a_water_year() {
        // Water year 1403 holds the 30-day Esfand of 1403: 366 days.
        let (starts, days) = month_starts(1403);
        assert_eq!(days, 366);
        assert_eq!(starts[..7], [0, 30, 60, 90, 120, 150, 180]);
        assert_eq!(starts[11], 180 + 5 * 31);
        assert_eq!(month_and_day(&starts, 179), (5, 30), "30 Esfand");
        assert_eq!(month_and_day(&starts, 365), (11, 31), "31 Shahrivar");
        assert_eq!(month_starts(1402).1, 365);
    }
}
