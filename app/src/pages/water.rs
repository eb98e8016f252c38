//! The public water pages: the province dashboard (`/water`), dams (`/water/dams`, each at
//! `/water/dams/{id}`), rain gauges (`/water/rain-gauges`, each at `/water/rain-gauges/{id}`)
//! and aquifers (`/water/aquifers`). Figures and charts are rendered on the server; every
//! page links the data behind it as CSV from the open-data API. A day other than today is
//! chosen with `?day=1403/08/15`.

use crate::api::water::{
    get_water_dashboard, water_aquifers, water_dam, water_dams, water_rain_gauge, water_rain_gauges,
};
use crate::components::chart::{FillGauge, LineChart, Place, PlaceMap, Series, YearBars};
use crate::components::common::SampleBadge;
use crate::components::forms::{guarded, guarded_with_heading};
use crate::model::{
    AquiferStatus, DamDetail, DamStatus, RainGauges, StationDetail, WaterDashboard,
};
use crate::persian::jalali::JalaliDate;
use crate::persian::{format_decimal, format_number, to_persian_digits};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::{Form, A};
use leptos_router::hooks::{use_params_map, use_query_map};

const MCM: &str = "میلیون مترمکعب";
const MM: &str = "میلی‌متر";

fn shown_day(day: &str) -> String {
    JalaliDate::parse(day)
        .map(|d| d.format_long())
        .unwrap_or_else(|_| to_persian_digits(day))
}

fn water_year_label(wy: i32) -> String {
    to_persian_digits(&format!("{}–{}", wy, wy + 1))
}

fn amount(v: Option<f64>, unit: &str) -> String {
    v.map(|v| format!("{} {unit}", format_decimal(v, 1)))
        .unwrap_or_else(|| "بی‌داده".into())
}

/// "۱۲٪ بیشتر از …" / "۸٪ کمتر از …", or nothing when either side is missing.
fn versus(now: Option<f64>, then: Option<f64>, what: &str) -> Option<String> {
    let (n, t) = (now?, then?);
    if t.abs() < 1e-9 {
        return None;
    }
    let change = (n - t) / t * 100.0;
    Some(if change.abs() < 0.5 {
        format!("هم‌اندازه‌ی {what}")
    } else if change > 0.0 {
        format!("{}٪ بیشتر از {what}", format_decimal(change, 0))
    } else {
        format!("{}٪ کمتر از {what}", format_decimal(-change, 0))
    })
}

fn day_query() -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let query = use_query_map();
    move || query.read().get("day").unwrap_or_default()
}

/// The page's `{id}` and `?day=`, what a station's or a dam's page loads by.
fn id_and_day() -> impl Fn() -> (i32, String) + Copy + Send + Sync + 'static {
    let params = use_params_map();
    let day = day_query();
    move || {
        let id = params.read().get("id").and_then(|s| s.parse::<i32>().ok());
        (id.unwrap_or(0), day())
    }
}

/// The day picker every water page has (a plain GET form).
#[component]
fn DayPicker(as_of: String) -> impl IntoView {
    view! {
        <Form method="GET" action="" attr:class="filter-form">
            <label for="w-day">"آمار روز"</label>
            <input id="w-day" name="day" dir="ltr" size="12" value=to_persian_digits(&as_of)
                aria-describedby="w-day-help"/>
            <button type="submit">"نمایش"</button>
            <span class="field-help" id="w-day-help">"سال/ماه/روز خورشیدی؛ خالی برای امروز."</span>
        </Form>
    }
}

fn sample_note(has: bool) -> impl IntoView {
    has.then(|| {
        view! {
            <p class="notice"><SampleBadge/> " بخشی از این آمار نمونه است و واقعی نیست."</p>
        }
    })
}

#[component]
pub fn WaterDashboardPage() -> impl IntoView {
    let day = day_query();
    let data = Resource::new(day, get_water_dashboard);
    view! {
        <Title text="داشبورد منابع آب استان"/>
        <Meta name="description" content="بارش از آغاز سال آبی، حجم سدها و درصد پرشدگی در برابر پارسال و میانگین بلندمدت."/>
        <article class="page water">
            <h1>"منابع آب استان قم در یک نگاه"</h1>
            {guarded(data, |d: WaterDashboard| view! { <Dashboard d=d/> })}
        </article>
    }
}

#[component]
fn Dashboard(d: WaterDashboard) -> impl IntoView {
    let fill = crate::model::fill(d.storage, d.capacity);
    // Last year's mark only when every dam with a reading has last year's too.
    let fill_last = crate::model::fill(d.storage_last_year, d.capacity)
        .filter(|_| d.storage_vs_last_year == d.storage);
    let since = format!(
        "سال آبی {} — از ۱ مهر تا {}",
        water_year_label(d.water_year),
        shown_day(&d.as_of)
    );
    view! {
        <p class="lead">{since}</p>
        {sample_note(d.has_samples)}
        <DayPicker as_of=d.as_of.clone()/>
        <div class="figures">
            <section class="figure-card" aria-labelledby="fig-rain">
                <h2 id="fig-rain">"بارش از آغاز سال آبی"</h2>
                <p class="figure-value">{amount(d.rainfall_mm, MM)}</p>
                <p>{format!("میانگین {} ایستگاه فعال", format_number(d.stations as i64))}</p>
                <ul class="figure-compare">
                    <li>{format!("پارسال تا همین روز: {}", amount(d.rainfall_last_year_mm, MM))}
                        {versus(d.rainfall_vs_last_year_mm, d.rainfall_last_year_mm, "پارسال").map(|s| view! { " — " <strong>{s}</strong> })}</li>
                    <li>{format!("میانگین سال‌های ثبت‌شده تا همین روز: {}", amount(d.rainfall_average_mm, MM))}
                        {versus(d.rainfall_vs_average_mm, d.rainfall_average_mm, "میانگین").map(|s| view! { " — " <strong>{s}</strong> })}</li>
                </ul>
                <p><A href="/water/rain-gauges">"ایستگاه‌های باران‌سنجی"</A></p>
            </section>
            <section class="figure-card" aria-labelledby="fig-dams">
                <h2 id="fig-dams">"حجم آب سدها"</h2>
                <div class="figure-with-gauge">
                    <FillGauge name="همه‌ی سدها".to_string() percent=fill last_year=fill_last/>
                    <div>
                        <p class="figure-value">{amount(d.storage, MCM)}</p>
                        <p>{format!("از گنجایش {} {MCM} در {} سد", format_decimal(d.capacity, 1), format_number(d.dams as i64))}</p>
                        <p>{format!("همین روز پارسال: {}", amount(d.storage_last_year, MCM))}
                            {versus(d.storage_vs_last_year, d.storage_last_year, "پارسال").map(|s| view! { " — " <strong>{s}</strong> })}</p>
                    </div>
                </div>
                <p><A href="/water/dams">"وضعیت یک‌یک سدها"</A></p>
            </section>
        </div>
        <section aria-labelledby="movers">
            <h2 id="movers">"بیشترین جابه‌جایی هفته"</h2>
            {if d.movers.is_empty() {
                view! { <p class="muted">"در هفت روز گذشته بارش یا تغییر حجمی ثبت نشده است."</p> }.into_any()
            } else {
                view! {
                    <ul class="movers">
                        {d.movers.into_iter().map(|m| {
                            let unit = if m.unit == "mm" { MM } else { MCM };
                            let sign = if m.change > 0.0 && m.unit != "mm" { "+" } else { "" };
                            view! {
                                <li><A href=m.href>{m.name}</A>": " {m.what} " "
                                    <strong>{format!("{sign}{} {unit}", format_decimal(m.change, 2))}</strong></li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <nav aria-label="آمار بیشتر" class="water-links">
            <ul>
                <li><A href="/water/dams">"سدها"</A></li>
                <li><A href="/water/rain-gauges">"باران‌سنجی"</A></li>
                <li><A href="/water/aquifers">"آبخوان‌ها"</A></li>
                <li><a href="/api/v1/openapi.json" rel="external">"داده‌ی باز (API)"</a></li>
            </ul>
        </nav>
    }
}

#[component]
pub fn DamsPage() -> impl IntoView {
    let day = day_query();
    let data = Resource::new(day, water_dams);
    view! {
        <Title text="وضعیت سدها"/>
        <Meta name="description" content="حجم مخزن، درصد پرشدگی، ورودی و خروجی سدهای استان قم از آغاز سال آبی در برابر پارسال."/>
        <article class="page water">
            <h1>"وضعیت سدها"</h1>
            {guarded(data, move |dams: Vec<DamStatus>| {
                let as_of = day();
                let has_samples = dams.iter().any(|d| d.is_sample);
                view! {
                    {sample_note(has_samples)}
                    <DayPicker as_of=as_of/>
                    <ul class="dam-grid">
                        {dams.into_iter().map(|d| view! { <li><DamCard d=d link=true/></li> }).collect_view()}
                    </ul>
                    <p><a href="/api/v1/water/dam-readings?format=csv" download="dam-readings.csv">"دریافت داده‌ی روزانه‌ی سدها (CSV)"</a></p>
                }
            })}
        </article>
    }
}

#[component]
fn DamCard(d: DamStatus, link: bool) -> impl IntoView {
    let fill = d.fill_percent();
    let fill_last = d.fill_percent_last_year();
    let href = format!("/water/dams/{}", d.id);
    let name = d.name.clone();
    view! {
        <section class="dam-card" aria-label=d.name.clone()>
            <h2>{if link { view! { <A href=href>{name}</A> }.into_any() } else { view! { <span>{name}</span> }.into_any() }}
                {d.is_sample.then(|| view! { " " <SampleBadge/> })}</h2>
            <div class="figure-with-gauge">
                <FillGauge name=d.name.clone() percent=fill last_year=fill_last/>
                <dl class="facts">
                    <dt>"حجم کنونی"</dt><dd>{amount(d.storage, MCM)}</dd>
                    <dt>"گنجایش"</dt><dd>{amount(Some(d.capacity), MCM)}</dd>
                    <dt>"همین روز پارسال"</dt><dd>{amount(d.storage_last_year, MCM)}
                        {fill_last.map(|p| format!(" ({}٪)", format_decimal(p, 0)))}</dd>
                    <dt>"ورودی از ۱ مهر"</dt><dd>{amount(Some(d.inflow), MCM)}
                        {versus(Some(d.inflow), d.inflow_last_year, "پارسال").map(|s| format!(" — {s}"))}</dd>
                    <dt>"خروجی از ۱ مهر"</dt><dd>{amount(Some(d.outflow), MCM)}
                        {versus(Some(d.outflow), d.outflow_last_year, "پارسال").map(|s| format!(" — {s}"))}</dd>
                    {d.long_term_inflow.map(|v| view! { <dt>"میانگین بلندمدت ورودی سالانه"</dt><dd>{amount(Some(v), MCM)}</dd> })}
                    <dt>"آخرین آمار"</dt><dd>{d.reading_day.as_deref().map(shown_day).unwrap_or_else(|| "بی‌داده".into())}</dd>
                </dl>
            </div>
        </section>
    }
}

#[component]
pub fn DamPage() -> impl IntoView {
    let data = Resource::new(id_and_day(), |(id, day)| water_dam(id, day));
    view! {
        <article class="page water">
            <p><A href="/water/dams">"← همه‌ی سدها"</A></p>
            {guarded_with_heading(data, Some("سد"), |d: DamDetail| {
                let s = d.status.clone();
                let csv = format!("/api/v1/water/dam-readings?dam={}&format=csv", s.id);
                let facts = format!(
                    "رودخانه‌ی {}، شهرستان {}{}؛ حجم مرده {}.",
                    s.river,
                    s.county,
                    s.year_in_service.map(|y| format!("، بهره‌برداری از {}", to_persian_digits(&y.to_string()))).unwrap_or_default(),
                    amount(Some(s.dead_storage), MCM)
                );
                let summary = format!(
                    "حجم مخزن در سال آبی {} (خط پر) و سال پیش از آن (خط‌چین)، روز به روز از ۱ مهر. اکنون {}؛ همین روز پارسال {}.",
                    water_year_label(d.water_year),
                    amount(s.storage, MCM),
                    amount(s.storage_last_year, MCM)
                );
                view! {
                    <Title text=s.name.clone()/>
                    <h1>{s.name.clone()}</h1>
                    <p class="lead">{facts}</p>
                    <DamCard d=s.clone() link=false/>
                    <LineChart water_year=d.water_year id="dam-storage".to_string() title="حجم مخزن".to_string() unit=MCM summary=summary
                        series=vec![
                            Series { label: format!("سال آبی {}", water_year_label(d.water_year)), class: "series-now".into(), points: d.storage.clone() },
                            Series { label: format!("سال آبی {}", water_year_label(d.water_year - 1)), class: "series-last".into(), points: d.storage_last_year.clone() },
                        ]/>
                    <LineChart water_year=d.water_year id="dam-flows".to_string() title="ورودی و خروجی روزانه".to_string() unit=MCM
                        summary=format!("ورودی و خروجی هر روز از ۱ مهر؛ جمع ورودی {}، جمع خروجی {}.", amount(Some(s.inflow), MCM), amount(Some(s.outflow), MCM))
                        series=vec![
                            Series { label: "ورودی".into(), class: "series-now".into(), points: d.inflow.clone() },
                            Series { label: "خروجی".into(), class: "series-alt".into(), points: d.outflow.clone() },
                        ]/>
                    <p><a href=csv download="dam.csv">"دریافت داده‌های این سد (CSV)"</a></p>
                }
            })}
        </article>
    }
}

#[component]
pub fn RainGaugesPage() -> impl IntoView {
    let day = day_query();
    let data = Resource::new(day, water_rain_gauges);
    view! {
        <Title text="ایستگاه‌های باران‌سنجی"/>
        <Meta name="description" content="بارش هر ایستگاه باران‌سنجی استان قم از آغاز سال آبی در برابر پارسال و میانگین."/>
        <article class="page water">
            <h1>"ایستگاه‌های باران‌سنجی"</h1>
            {guarded(data, |r: RainGauges| view! { <Stations r=r/> })}
        </article>
    }
}

#[component]
fn Stations(r: RainGauges) -> impl IntoView {
    let has_samples = r.stations.iter().any(|s| s.is_sample);
    let mut ranked: Vec<_> = r
        .stations
        .iter()
        .filter(|s| s.total_mm.is_some())
        .cloned()
        .collect();
    ranked.sort_by(|a, b| {
        b.total_mm
            .unwrap_or(0.0)
            .total_cmp(&a.total_mm.unwrap_or(0.0))
    });
    let wettest = ranked.first().cloned();
    let driest = ranked.last().cloned().filter(|_| ranked.len() > 1);
    let places: Vec<Place> = r
        .stations
        .iter()
        .map(|s| Place {
            name: s.name.clone(),
            href: format!("/water/rain-gauges/{}", s.id),
            latitude: s.latitude,
            longitude: s.longitude,
            weight: s.total_mm.unwrap_or(0.0),
        })
        .collect();
    view! {
        <p class="lead">{format!("سال آبی {} — از ۱ مهر تا {}", water_year_label(r.water_year), shown_day(&r.as_of))}</p>
        {sample_note(has_samples)}
        <DayPicker as_of=r.as_of.clone()/>
        <ul class="figure-compare">
            {wettest.map(|s| view! { <li>"پربارش‌ترین: " <strong>{s.name}</strong> " — " {amount(s.total_mm, MM)}</li> })}
            {driest.map(|s| view! { <li>"کم‌بارش‌ترین: " <strong>{s.name}</strong> " — " {amount(s.total_mm, MM)}</li> })}
        </ul>
        <div class="table-wrap">
            <table>
                <caption>"بارش از ۱ مهر تا روز آمار"</caption>
                <thead><tr>
                    <th scope="col">"ایستگاه"</th><th scope="col">"شهرستان"</th>
                    <th scope="col">{format!("امسال ({MM})")}</th><th scope="col">{format!("پارسال ({MM})")}</th>
                    <th scope="col">{format!("میانگین ({MM})")}</th><th scope="col">"در برابر میانگین"</th>
                </tr></thead>
                <tbody>
                    {r.stations.into_iter().map(|s| view! {
                        <tr>
                            <th scope="row"><A href=format!("/water/rain-gauges/{}", s.id)>{s.name.clone()}</A>
                                {(!s.active).then_some(" (غیرفعال)")}{s.is_sample.then(|| view! { " " <SampleBadge/> })}</th>
                            <td>{s.county.clone()}</td>
                            <td>{s.total_mm.map(|v| format_decimal(v, 1)).unwrap_or_else(|| "—".into())}</td>
                            <td>{s.last_year_mm.map(|v| format_decimal(v, 1)).unwrap_or_else(|| "—".into())}</td>
                            <td>{s.average_mm.map(|v| format_decimal(v, 1)).unwrap_or_else(|| "—".into())}</td>
                            <td>{versus(s.total_mm, s.average_mm, "میانگین").unwrap_or_else(|| "—".into())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <section aria-labelledby="map-title">
            <h2 id="map-title">"جای ایستگاه‌ها"</h2>
            <p class="field-help">"هر دایره یک ایستگاه است، به اندازه‌ی بارش امسال آن؛ با طول و عرض جغرافیایی، بی‌نیاز از نقشه‌ی برخط."</p>
            <PlaceMap places=places title="جای ایستگاه‌های باران‌سنجی استان قم".to_string()/>
        </section>
        <p><a href="/api/v1/water/rainfall?format=csv" download="rainfall.csv">"دریافت بارش روزانه‌ی همه‌ی ایستگاه‌ها (CSV)"</a></p>
    }
}

#[component]
pub fn RainGaugePage() -> impl IntoView {
    let data = Resource::new(id_and_day(), |(id, day)| water_rain_gauge(id, day));
    view! {
        <article class="page water">
            <p><A href="/water/rain-gauges">"← همه‌ی ایستگاه‌ها"</A></p>
            {guarded_with_heading(data, Some("ایستگاه باران‌سنجی"), |d: StationDetail| {
                let s = d.status.clone();
                let csv = format!("/api/v1/water/rainfall?station={}&format=csv", s.id);
                let facts = format!(
                    "شهرستان {}{}؛ میانگین بلندمدت سالانه: {}.",
                    s.county,
                    s.elevation.map(|e| format!("، ارتفاع {} متر", format_number(e as i64))).unwrap_or_default(),
                    amount(s.long_term_mm, MM)
                );
                view! {
                    <Title text=s.name.clone()/>
                    <h1>{s.name.clone()} {s.is_sample.then(|| view! { " " <SampleBadge/> })}</h1>
                    <p class="lead">{facts}</p>
                    <ul class="figure-compare">
                        <li>{format!("از ۱ مهر تا {}: {}", shown_day(&d.as_of), amount(s.total_mm, MM))}</li>
                        <li>{format!("پارسال تا همین روز: {}", amount(s.last_year_mm, MM))}
                            {versus(s.total_mm, s.last_year_mm, "پارسال").map(|v| format!(" — {v}"))}</li>
                        <li>{format!("میانگین سال‌های ثبت‌شده: {}", amount(s.average_mm, MM))}
                            {versus(s.total_mm, s.average_mm, "میانگین").map(|v| format!(" — {v}"))}</li>
                    </ul>
                    <LineChart water_year=d.water_year id="rain-cumulative".to_string() title="بارش انباشته از ۱ مهر".to_string() unit=MM
                        summary=format!("جمع بارش از آغاز سال آبی، امسال (خط پر) و پارسال (خط‌چین). امسال تاکنون {}.", amount(s.total_mm, MM))
                        series=vec![
                            Series { label: format!("سال آبی {}", water_year_label(d.water_year)), class: "series-now".into(), points: d.cumulative.clone() },
                            Series { label: format!("سال آبی {}", water_year_label(d.water_year - 1)), class: "series-last".into(), points: d.cumulative_last_year.clone() },
                        ]/>
                    <LineChart water_year=d.water_year id="rain-daily".to_string() title="بارش روزانه".to_string() unit=MM
                        summary=format!("بارش هر روز از ۱ مهر؛ {} روز بارانی.", format_number(d.daily.iter().filter(|p| p.1 > 0.0).count() as i64))
                        series=vec![Series { label: "بارش روزانه".into(), class: "series-alt".into(), points: d.daily.clone() }]/>
                    <p><a href=csv download="station.csv">"دریافت بارش روزانه‌ی این ایستگاه (CSV)"</a></p>
                }
            })}
        </article>
    }
}

#[component]
pub fn AquifersPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| water_aquifers());
    view! {
        <Title text="آبخوان‌ها"/>
        <Meta name="description" content="تغییر سطح آب زیرزمینی، کسری مخزن و برداشت آبخوان‌های استان قم در سال‌های آبی."/>
        <article class="page water">
            <h1>"آبخوان‌ها و دشت‌ها"</h1>
            {guarded(data, |list: Vec<AquiferStatus>| {
                let has_samples = list.iter().any(|a| a.is_sample);
                view! {
                    {sample_note(has_samples)}
                    {list.into_iter().map(|a| view! { <Aquifer a=a/> }).collect_view()}
                    <p><a href="/api/v1/water/aquifer-years?format=csv" download="aquifers.csv">"دریافت آمار سالانه‌ی آبخوان‌ها (CSV)"</a></p>
                }
            })}
        </article>
    }
}

#[component]
fn Aquifer(a: AquiferStatus) -> impl IntoView {
    let total: f64 = a.years.iter().map(|y| y.table_change).sum();
    let heading_id = format!("aquifer-{}", a.id);
    let summary = format!(
        "{}: {} کیلومتر مربع، {} چاه؛ جمع تغییر سطح آب در {} سال آبی ثبت‌شده {} متر.",
        a.name,
        format_decimal(a.area_km2, 0),
        format_number(a.wells as i64),
        format_number(a.years.len() as i64),
        format_decimal(total, 2)
    );
    let bars: Vec<(String, f64)> = a
        .years
        .iter()
        .map(|y| (water_year_label(y.water_year), y.table_change))
        .collect();
    let labelled_by = heading_id.clone();
    view! {
        <section aria-labelledby=labelled_by>
            <h2 id=heading_id>{a.name.clone()} {a.is_sample.then(|| view! { " " <SampleBadge/> })}</h2>
            <p>{summary.clone()}</p>
            <YearBars id=format!("aq-{}", a.id) title="تغییر سطح آب زیرزمینی در هر سال آبی".to_string() unit="متر" bars=bars summary=summary/>
            <div class="table-wrap">
                <table>
                    <thead><tr>
                        <th scope="col">"سال آبی"</th><th scope="col">"تغییر سطح (متر)"</th>
                        <th scope="col">{format!("تغییر حجم ({MCM})")}</th><th scope="col">{format!("برداشت ({MCM})")}</th>
                    </tr></thead>
                    <tbody>
                        {a.years.into_iter().map(|y| view! {
                            <tr>
                                <th scope="row">{water_year_label(y.water_year)}</th>
                                <td>{format_decimal(y.table_change, 2)}</td>
                                <td>{format_decimal(y.storage_change, 2)}</td>
                                <td>{format_decimal(y.extraction, 2)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// The headline water figures for the home page, linking to the dashboard.
#[component]
pub fn WaterHeadline() -> impl IntoView {
    let data = OnceResource::new(get_water_dashboard(String::new()));
    view! {
        <section class="section-group water-headline" aria-labelledby="home-water">
            <h2 id="home-water">"منابع آب استان امروز"</h2>
            {crate::components::common::loaded(data, |d: WaterDashboard| {
                let fill = crate::model::fill(d.storage, d.capacity);
                view! {
                    <ul class="figures-inline">
                        <li>"بارش از ۱ مهر: " <strong>{amount(d.rainfall_mm, MM)}</strong>
                            {versus(d.rainfall_vs_last_year_mm, d.rainfall_last_year_mm, "پارسال").map(|s| format!(" ({s})"))}</li>
                        <li>"حجم سدها: " <strong>{amount(d.storage, MCM)}</strong>
                            {fill.map(|p| format!("، {}٪ پر", format_decimal(p, 0)))}
                            {versus(d.storage_vs_last_year, d.storage_last_year, "پارسال").map(|s| format!(" ({s})"))}</li>
                    </ul>
                    {d.has_samples.then(|| view! { <p class="muted"><SampleBadge/> " آمار نمونه"</p> })}
                }
            })}
            <p><A href="/water">"منابع آب در یک نگاه"</A></p>
        </section>
    }
}

/// The weekly statistical bulletin: the published weeks, and one week's bulletin as a
/// printable page; the custodian previews any week and publishes it with one click.
#[component]
pub fn BulletinPage() -> impl IntoView {
    let day = day_query();
    let publish = ServerAction::<crate::api::water::PublishBulletin>::new();
    let data = Resource::new(
        move || (day(), publish.version().get()),
        |(day, _)| crate::api::water::water_bulletin(day),
    );
    view! {
        <Title text="آمارنامه‌ی هفتگی منابع آب"/>
        <Meta name="description" content="آمارنامه‌ی هفتگی بارش و سدهای استان قم، برای هر هفته‌ی خورشیدی، چاپ‌پذیر."/>
        <article class="page water bulletin">
            <h1>"آمارنامه‌ی هفتگی منابع آب استان"</h1>
            <crate::components::forms::ActionError action=publish/>
            {guarded(data, move |p: crate::model::BulletinPage| {
                let shown_week = p
                    .current
                    .as_ref()
                    .map(|c| to_persian_digits(&c.week_start))
                    .unwrap_or_default();
                let picker = p.may_publish.then(|| view! {
                    <Form method="GET" action="" attr:class="filter-form">
                        <label for="b-day">"هفته‌ای که این روز در آن است"</label>
                        <input id="b-day" name="day" dir="ltr" size="12" required
                            value=shown_week/>
                        <button type="submit">"پیش‌نمایش"</button>
                    </Form>
                });
                view! {
                    {picker}
                    {match p.current.clone() {
                        Some(b) => view! { <Bulletin b=b publish=publish/> }.into_any(),
                        None => view! { <p class="muted">"هنوز آمارنامه‌ای منتشر نشده است."</p> }.into_any(),
                    }}
                    <p class="no-print"><A href="/water/reports?subkind=bulletin">"آمارنامه‌های بارگذاری‌شده (پرونده)"</A>
                        " · " <A href="/water/reports?subkind=water_profile">"گزارش‌های سیمای آب"</A></p>
                    {(!p.list.is_empty()).then(|| view! {
                        <section aria-labelledby="b-list" class="no-print">
                            <h2 id="b-list">"آمارنامه‌های منتشرشده"</h2>
                            <ul>
                                {p.list.into_iter().map(|b| view! {
                                    <li><A href=format!("/water/weekly-bulletin?day={}", b.week_start)>
                                        {format!("هفته‌ی {} تا {}", shown_day(&b.week_start), shown_day(&b.week_end))}
                                    </A></li>
                                }).collect_view()}
                            </ul>
                        </section>
                    })}
                }
            })}
        </article>
    }
}

#[component]
fn Bulletin(
    b: crate::model::WeeklyBulletin,
    publish: ServerAction<crate::api::water::PublishBulletin>,
) -> impl IntoView {
    let title = format!(
        "هفته‌ی {} تا {}",
        shown_day(&b.week_start),
        shown_day(&b.week_end)
    );
    let status = match (b.published_at, b.published_by.clone()) {
        (Some(at), by) => format!(
            "منتشرشده در {}{}",
            crate::persian::jalali::format_date_time(at),
            by.map(|b| format!(" به دست {b}")).unwrap_or_default()
        ),
        (None, _) => "پیش‌نمایش؛ هنوز منتشر نشده است.".into(),
    };
    let n = |v: Option<f64>| {
        v.map(|v| format_decimal(v, 1))
            .unwrap_or_else(|| "—".into())
    };
    let week_start = b.week_start.clone();
    view! {
            <section aria-labelledby="b-title">
                <h2 id="b-title">{title}</h2>
                <p class="muted">{status}</p>
                {sample_note(b.has_samples)}
                <ul class="figure-compare">
                    <li>{format!("میانگین بارش هفته: {}", amount(b.rainfall_week_mm, MM))}</li>
                    <li>{format!("بارش از ۱ مهر (سال آبی {}): {}", water_year_label(b.water_year), amount(b.rainfall_mm, MM))}
                        {versus(b.rainfall_vs_last_year_mm, b.rainfall_last_year_mm, "پارسال").map(|s| format!(" — {s}"))}</li>
                </ul>
                <div class="table-wrap"><table>
                    <caption>"بارش ایستگاه‌ها (میلی‌متر)"</caption>
                    <thead><tr><th scope="col">"ایستگاه"</th><th scope="col">"این هفته"</th><th scope="col">"از ۱ مهر"</th>
                        <th scope="col">"پارسال"</th><th scope="col">"میانگین"</th></tr></thead>
                    <tbody>
                        {b.stations.into_iter().map(|s| view! {
                            <tr><th scope="row">{s.name}</th><td>{format_decimal(s.week_mm, 1)}</td><td>{n(s.total_mm)}</td>
                                <td>{n(s.last_year_mm)}</td><td>{n(s.average_mm)}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table></div>
                <div class="table-wrap"><table>
                    <caption>{format!("سدها ({MCM})")}</caption>
                    <thead><tr><th scope="col">"سد"</th><th scope="col">"حجم پایان هفته"</th><th scope="col">"پرشدگی"</th>
                        <th scope="col">"تغییر هفته"</th><th scope="col">"ورودی هفته"</th><th scope="col">"خروجی هفته"</th>
                        <th scope="col">"همین روز پارسال"</th></tr></thead>
                    <tbody>
                        {b.dams.into_iter().map(|d| view! {
                            <tr><th scope="row">{d.name}</th><td>{n(d.storage)}</td>
                                <td>{crate::model::fill(d.storage, d.capacity).map(|p| format!("{}٪", format_decimal(p, 0))).unwrap_or_else(|| "—".into())}</td>
                                <td>{d.change.map(|c| format_decimal(c, 2)).unwrap_or_else(|| "—".into())}</td>
                                <td>{format_decimal(d.inflow_week, 2)}</td><td>{format_decimal(d.outflow_week, 2)}</td>
                                <td>{n(d.storage_last_year)}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table></div>
                <p class="no-print">
    <PrintButton label="چاپ یا ذخیره به PDF".to_string()/>
                    " " <span class="field-help">"(یا Ctrl+P در مرورگر؛ صفحه برای چاپ آماده است)"</span>
                </p>
                {(b.may_publish && b.published_at.is_none()).then(|| view! {
                    <ActionForm action=publish attr:class="no-print">
                        <input type="hidden" name="day" value=week_start.clone()/>
                        <button type="submit">"انتشار این آمارنامه"</button>
                    </ActionForm>
                })}
            </section>
        }
}

/// The bulletin's print button (an island: printing needs JavaScript).
#[island]
fn PrintButton(label: String) -> impl IntoView {
    view! {
        <button type="button" class="button-secondary" on:click=move |_| {
            #[cfg(feature = "hydrate")]
            let _ = window().print();
        }>{label}</button>
    }
}
