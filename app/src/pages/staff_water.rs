//! The water-statistics custodian's screens: `/staff/water` (bulk import of CSV/XLSX, one
//! observation by hand, the registers of stations, dams and aquifers, and the latest imports
//! with undo) and `/staff/water/imports/{id}` (a staged import's preview and validation
//! report, committed or discarded with one button). Plain forms: all of it works before
//! hydration.

use crate::api::water::{
    get_water_staff, water_import, ActOnWaterImport, EnterObservation, SaveAquifer, SaveDam,
    SaveRainGauge, StageWaterImport,
};
use crate::components::attachments::UploadForm;
use crate::components::forms::{guarded, guarded_with_heading, ActionDone, ActionError};
use crate::model::{ImportKind, ImportPreview, WaterStaff};
use crate::persian::jalali::format_date_time;
use crate::persian::{format_decimal, format_number, to_persian_digits};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

fn state_label(s: &str) -> &'static str {
    match s {
        "staged" => "در انتظار ثبت",
        "committed" => "ثبت‌شده",
        "undone" => "برگردانده‌شده",
        _ => "کنارگذاشته",
    }
}

fn opt(v: Option<f64>) -> String {
    v.map(|v| format_decimal(v, 3)).unwrap_or_default()
}

#[component]
pub fn StaffWaterPage() -> impl IntoView {
    let station = ServerAction::<SaveRainGauge>::new();
    let dam = ServerAction::<SaveDam>::new();
    let aquifer = ServerAction::<SaveAquifer>::new();
    let enter = ServerAction::<EnterObservation>::new();
    let act = ServerAction::<ActOnWaterImport>::new();
    let data = Resource::new(
        move || {
            (
                station.version().get(),
                dam.version().get(),
                aquifer.version().get(),
                enter.version().get(),
                act.version().get(),
            )
        },
        |_| get_water_staff(),
    );
    view! {
        <Title text="آمار منابع آب: ورود داده"/>
        <article class="page">
            <h1>"آمار منابع آب: ورود داده"</h1>
            <p class="lead">
                "آمار را یک‌جا از پرونده‌ی CSV یا اکسل درون‌ریزی کنید (پیش از ثبت، پیش‌نمایش و گزارش ایرادها را می‌بینید) "
                "یا یک آمار را در فرم زیر بنویسید. صفحه‌های عمومی "
                <A href="/water">"داشبورد آب"</A>" بی‌درنگ از همین داده‌ها ساخته می‌شوند."
            </p>
            <section aria-labelledby="import-title">
                <h2 id="import-title">"درون‌ریزی پرونده"</h2>
                <UploadForm url=StageWaterImport::PATH class="stacked-form">
                    <div class="field">
                        <label for="w-file">"پرونده‌ی CSV یا XLSX"</label>
                        <input id="w-file" name="attachments" type="file" required
                            accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                            aria-describedby="w-file-help"/>
                        <p class="field-help" id="w-file-help">
                            "ردیف نخست سرستون‌هاست و گونه‌ی پرونده از آن شناخته می‌شود: "
                            "«ایستگاه، تاریخ، بارش» — «سد، تاریخ، حجم، ورودی، خروجی، تراز (اختیاری)» — "
                            "«آبخوان، سال آبی، تغییر سطح، تغییر حجم، برداشت». تاریخ خورشیدی، رقم‌ها فارسی یا لاتین؛ تا ۵ مگابایت."
                        </p>
                    </div>
                    <button type="submit">"بارگذاری و بررسی"</button>
                    // Shown by the style while the form is being sent (`aria-busy`).
                    <progress class="upload-progress" aria-label="در حال بارگذاری و بررسی پرونده"></progress>
                </UploadForm>
            </section>
            {guarded(data, move |w: WaterStaff| view! {
                <EntryForms w=w.clone() enter=enter/>
                <Imports imports=w.imports.clone() act=act/>
                <Registers w=w station=station dam=dam aquifer=aquifer/>
            })}
        </article>
    }
}

#[component]
fn EntryForms(w: WaterStaff, enter: ServerAction<EnterObservation>) -> impl IntoView {
    let options = |names: Vec<String>| {
        names
            .into_iter()
            .map(|n| view! { <option value=n.clone()>{n.clone()}</option> })
            .collect_view()
    };
    let stations: Vec<String> = w.stations.iter().map(|s| s.name.clone()).collect();
    let dams: Vec<String> = w.dams.iter().map(|d| d.name.clone()).collect();
    let aquifers: Vec<String> = w.aquifers.iter().map(|a| a.name.clone()).collect();
    view! {
        <section aria-labelledby="enter-title">
            <h2 id="enter-title">"ثبت یک آمار"</h2>
            <p class="field-help">"آماری که برای همان روز (یا سال آبی) پیش‌تر ثبت شده باشد با این یکی جایگزین می‌شود."</p>
            <ActionError action=enter/>
            <ActionDone action=enter text="آمار ثبت شد."/>
            <ActionForm action=enter attr:class="inline-form">
                <input type="hidden" name="kind" value=ImportKind::Rainfall.as_str()/>
                <label for="e-r-station">"ایستگاه"</label>
                <select id="e-r-station" name="c0">{options(stations)}</select>
                <label for="e-r-day">"تاریخ"</label>
                <input id="e-r-day" name="c1" required dir="ltr" size="11" placeholder="۱۴۰۴/۰۸/۰۱"/>
                <label for="e-r-mm">"بارش (میلی‌متر)"</label>
                <input id="e-r-mm" name="c2" required inputmode="decimal" size="6"/>
                <button type="submit">"ثبت بارش"</button>
            </ActionForm>
            <ActionForm action=enter attr:class="inline-form">
                <input type="hidden" name="kind" value=ImportKind::Dam.as_str()/>
                <label for="e-d-dam">"سد"</label>
                <select id="e-d-dam" name="c0">{options(dams)}</select>
                <label for="e-d-day">"تاریخ"</label>
                <input id="e-d-day" name="c1" required dir="ltr" size="11"/>
                <label for="e-d-storage">"حجم (میلیون مترمکعب)"</label>
                <input id="e-d-storage" name="c2" required inputmode="decimal" size="7"/>
                <label for="e-d-in">"ورودی"</label>
                <input id="e-d-in" name="c3" required inputmode="decimal" size="6"/>
                <label for="e-d-out">"خروجی"</label>
                <input id="e-d-out" name="c4" required inputmode="decimal" size="6"/>
                <label for="e-d-level">"تراز (اختیاری)"</label>
                <input id="e-d-level" name="c5" inputmode="decimal" size="7"/>
                <button type="submit">"ثبت آمار سد"</button>
            </ActionForm>
            <ActionForm action=enter attr:class="inline-form">
                <input type="hidden" name="kind" value=ImportKind::Aquifer.as_str()/>
                <label for="e-a-aquifer">"آبخوان"</label>
                <select id="e-a-aquifer" name="c0">{options(aquifers)}</select>
                <label for="e-a-year">"سال آبی (سال آغاز)"</label>
                <input id="e-a-year" name="c1" required inputmode="numeric" size="5"/>
                <label for="e-a-table">"تغییر سطح (متر)"</label>
                <input id="e-a-table" name="c2" required size="6"/>
                <label for="e-a-storage">"تغییر حجم"</label>
                <input id="e-a-storage" name="c3" required size="7"/>
                <label for="e-a-extraction">"برداشت"</label>
                <input id="e-a-extraction" name="c4" required inputmode="decimal" size="7"/>
                <button type="submit">"ثبت آمار سالانه"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Imports(imports: Vec<ImportPreview>, act: ServerAction<ActOnWaterImport>) -> impl IntoView {
    view! {
        <section aria-labelledby="imports-title">
            <h2 id="imports-title">"درون‌ریزی‌های اخیر"</h2>
            <ActionError action=act/>
            {if imports.is_empty() {
                view! { <p class="muted">"هنوز پرونده‌ای درون‌ریزی نشده است."</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap"><table>
                        <thead><tr>
                            <th scope="col">"پرونده"</th><th scope="col">"گونه"</th><th scope="col">"ردیف"</th>
                            <th scope="col">"وضعیت"</th><th scope="col">"زمان"</th><th scope="col">"کار"</th>
                        </tr></thead>
                        <tbody>
                            {imports.into_iter().map(|i| {
                                let undo_label = format!("برگرداندن درون‌ریزی {}", i.file_name);
                                view! {
                                <tr>
                                    <td><A href=format!("/staff/water/imports/{}", i.id)>{i.file_name.clone()}</A></td>
                                    <td>{i.kind.label()}</td>
                                    <td>{format_number(i.rows as i64)}</td>
                                    <td>{state_label(&i.state)}</td>
                                    <td>{format_date_time(i.created_at)}{i.by.clone().map(|b| format!("، {b}"))}</td>
                                    <td>{i.undoable.then(|| view! {
                                        <ActionForm action=act>
                                            <input type="hidden" name="id" value=i.id.to_string()/>
                                            <input type="hidden" name="act" value="undo"/>
                                            <button type="submit" class="button-secondary"
                                                aria-label=undo_label.clone()>"برگرداندن"</button>
                                        </ActionForm>
                                    })}</td>
                                </tr>
                            }}).collect_view()}
                        </tbody>
                    </table></div>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Registers(
    w: WaterStaff,
    station: ServerAction<SaveRainGauge>,
    dam: ServerAction<SaveDam>,
    aquifer: ServerAction<SaveAquifer>,
) -> impl IntoView {
    view! {
        <section aria-labelledby="stations-title">
            <h2 id="stations-title">"ایستگاه‌های باران‌سنجی"</h2>
            <ActionError action=station/>
            <ActionDone action=station text="ایستگاه ثبت شد."/>
            <ul class="settings-list">
                {w.stations.into_iter().map(|s| {
                    let id = s.id.to_string();
                    let p = format!("st-{}", s.id);
                    view! { <li>
                        <ActionForm action=station attr:class="inline-form">
                            <input type="hidden" name="id" value=id/>
                            <label for=format!("{p}-name")>"نام"</label><input id=format!("{p}-name") name="name" required value=s.name/>
                            <label for=format!("{p}-county")>"شهرستان"</label><input id=format!("{p}-county") name="county" required size="10" value=s.county/>
                            <label for=format!("{p}-lat")>"عرض"</label><input id=format!("{p}-lat") name="latitude" required size="7" value=opt(Some(s.latitude))/>
                            <label for=format!("{p}-lon")>"طول"</label><input id=format!("{p}-lon") name="longitude" required size="7" value=opt(Some(s.longitude))/>
                            <label for=format!("{p}-elev")>"ارتفاع (متر)"</label><input id=format!("{p}-elev") name="elevation" size="5" value=s.elevation.map(|e| to_persian_digits(&e.to_string())).unwrap_or_default()/>
                            <label for=format!("{p}-avg")>"میانگین بلندمدت سالانه (میلی‌متر)"</label><input id=format!("{p}-avg") name="long_term_mm" size="6" value=opt(s.long_term_mm)/>
                            <span class="field-check"><input type="checkbox" id=format!("{p}-active") name="active" value="1" checked=s.active/>
                                <label for=format!("{p}-active")>"فعال"</label></span>
                            <button type="submit" class="button-secondary">"ذخیره"</button>
                        </ActionForm>
                    </li> }
                }).collect_view()}
            </ul>
            <h3>"ایستگاه تازه"</h3>
            <ActionForm action=station attr:class="inline-form">
                <label for="ns-name">"نام"</label><input id="ns-name" name="name" required/>
                <label for="ns-county">"شهرستان"</label><input id="ns-county" name="county" required size="10"/>
                <label for="ns-lat">"عرض جغرافیایی"</label><input id="ns-lat" name="latitude" required size="7" placeholder="۳۴٫۶۴"/>
                <label for="ns-lon">"طول جغرافیایی"</label><input id="ns-lon" name="longitude" required size="7" placeholder="۵۰٫۸۸"/>
                <label for="ns-elev">"ارتفاع (متر)"</label><input id="ns-elev" name="elevation" size="5"/>
                <label for="ns-avg">"میانگین بلندمدت سالانه (میلی‌متر)"</label><input id="ns-avg" name="long_term_mm" size="6"/>
                <input type="hidden" name="active" value="1"/>
                <button type="submit">"افزودن ایستگاه"</button>
            </ActionForm>
        </section>
        <section aria-labelledby="dams-title">
            <h2 id="dams-title">"سدها"</h2>
            <ActionError action=dam/>
            <ActionDone action=dam text="سد ثبت شد."/>
            <ul class="settings-list">
                {w.dams.into_iter().map(|d| {
                    let p = format!("dm-{}", d.id);
                    view! { <li>
                        <ActionForm action=dam attr:class="inline-form">
                            <input type="hidden" name="id" value=d.id.to_string()/>
                            <label for=format!("{p}-name")>"نام"</label><input id=format!("{p}-name") name="name" required value=d.name/>
                            <label for=format!("{p}-river")>"رودخانه"</label><input id=format!("{p}-river") name="river" required size="10" value=d.river/>
                            <label for=format!("{p}-county")>"شهرستان"</label><input id=format!("{p}-county") name="county" required size="10" value=d.county/>
                            <label for=format!("{p}-cap")>"گنجایش"</label><input id=format!("{p}-cap") name="capacity" required size="7" value=opt(Some(d.capacity))/>
                            <label for=format!("{p}-dead")>"حجم مرده"</label><input id=format!("{p}-dead") name="dead_storage" size="6" value=opt(Some(d.dead_storage))/>
                            <label for=format!("{p}-year")>"سال بهره‌برداری"</label><input id=format!("{p}-year") name="year_in_service" size="5" value=d.year_in_service.map(|y| to_persian_digits(&y.to_string())).unwrap_or_default()/>
                            <label for=format!("{p}-lt")>"میانگین ورودی سالانه"</label><input id=format!("{p}-lt") name="long_term_inflow" size="6" value=opt(d.long_term_inflow)/>
                            <button type="submit" class="button-secondary">"ذخیره"</button>
                        </ActionForm>
                    </li> }
                }).collect_view()}
            </ul>
            <h3>"سد تازه"</h3>
            <ActionForm action=dam attr:class="inline-form">
                <label for="nd-name">"نام"</label><input id="nd-name" name="name" required/>
                <label for="nd-river">"رودخانه"</label><input id="nd-river" name="river" required size="10"/>
                <label for="nd-county">"شهرستان"</label><input id="nd-county" name="county" required size="10"/>
                <label for="nd-cap">"گنجایش (میلیون مترمکعب)"</label><input id="nd-cap" name="capacity" required size="7"/>
                <label for="nd-dead">"حجم مرده"</label><input id="nd-dead" name="dead_storage" size="6"/>
                <label for="nd-year">"سال بهره‌برداری"</label><input id="nd-year" name="year_in_service" size="5"/>
                <button type="submit">"افزودن سد"</button>
            </ActionForm>
        </section>
        <section aria-labelledby="aquifers-title">
            <h2 id="aquifers-title">"آبخوان‌ها"</h2>
            <ActionError action=aquifer/>
            <ActionDone action=aquifer text="آبخوان ثبت شد."/>
            <ul class="settings-list">
                {w.aquifers.into_iter().map(|a| {
                    let p = format!("aq-{}", a.id);
                    view! { <li>
                        <ActionForm action=aquifer attr:class="inline-form">
                            <input type="hidden" name="id" value=a.id.to_string()/>
                            <label for=format!("{p}-name")>"نام"</label><input id=format!("{p}-name") name="name" required value=a.name/>
                            <label for=format!("{p}-area")>"مساحت (کیلومتر مربع)"</label><input id=format!("{p}-area") name="area_km2" required size="7" value=opt(Some(a.area_km2))/>
                            <label for=format!("{p}-wells")>"شمار چاه‌ها"</label><input id=format!("{p}-wells") name="wells" required size="6" value=to_persian_digits(&a.wells.to_string())/>
                            <button type="submit" class="button-secondary">"ذخیره"</button>
                        </ActionForm>
                    </li> }
                }).collect_view()}
            </ul>
            <h3>"آبخوان تازه"</h3>
            <ActionForm action=aquifer attr:class="inline-form">
                <label for="na-name">"نام"</label><input id="na-name" name="name" required/>
                <label for="na-area">"مساحت (کیلومتر مربع)"</label><input id="na-area" name="area_km2" required size="7"/>
                <label for="na-wells">"شمار چاه‌ها"</label><input id="na-wells" name="wells" required size="6"/>
                <button type="submit">"افزودن آبخوان"</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn WaterImportPage() -> impl IntoView {
    let params = use_params_map();
    let act = ServerAction::<ActOnWaterImport>::new();
    let data = Resource::new(
        move || {
            (
                params
                    .read()
                    .get("id")
                    .and_then(|s| s.parse::<i32>().ok())
                    .unwrap_or(0),
                act.version().get(),
            )
        },
        |(id, _)| water_import(id),
    );
    view! {
        <Title text="پیش‌نمایش درون‌ریزی"/>
        <article class="page">
            <p><A href="/staff/water">"← ورود داده‌ی آب"</A></p>
            {guarded_with_heading(data, Some("پیش‌نمایش درون‌ریزی"), move |p: ImportPreview| view! { <Preview p=p act=act/> })}
        </article>
    }
}

#[component]
fn Preview(p: ImportPreview, act: ServerAction<ActOnWaterImport>) -> impl IntoView {
    let ok = p.problems.is_empty();
    let staged = p.state == "staged";
    let counts = format!(
        "{} ردیف: {} ردیف تازه، {} ردیف که مقدار ثبت‌شده را تغییر می‌دهد، {} ردیف بی‌تغییر.",
        format_number(p.rows as i64),
        format_number(p.new_rows as i64),
        format_number(p.changed_rows as i64),
        format_number(p.rows.saturating_sub(p.new_rows + p.changed_rows) as i64)
    );
    let id = p.id.to_string();
    let id2 = id.clone();
    view! {
        <h1>{format!("درون‌ریزی «{}»", p.file_name)}</h1>
        <p class="lead">{format!("{} — {}", p.kind.label(), state_label(&p.state))}</p>
        <p>{counts}</p>
        <ActionError action=act/>
        {(!ok).then(|| view! {
            <section aria-labelledby="problems-title" class="notice notice-error">
                <h2 id="problems-title">{format!("{} ایراد در پرونده", format_number(p.problems.len() as i64))}</h2>
                <p>"هیچ ردیفی ثبت نمی‌شود تا همه‌ی ایرادها درست شوند؛ پرونده را درست کنید و دوباره بفرستید."</p>
                <div class="table-wrap"><table>
                    <thead><tr><th scope="col">"ردیف"</th><th scope="col">"ستون"</th><th scope="col">"ایراد"</th></tr></thead>
                    <tbody>
                        {p.problems.iter().map(|x| view! {
                            <tr><td>{format_number(x.row as i64)}</td><td>{x.column.clone()}</td><td>{x.message.clone()}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table></div>
            </section>
        })}
        {(!p.sample.is_empty()).then(|| view! {
            <div class="table-wrap"><table>
                <caption>{format!("{} ردیف نخست، چنان‌که ثبت می‌شود", format_number(p.sample.len() as i64))}</caption>
                <thead><tr>{p.headers.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {p.sample.iter().map(|r| view! {
                        <tr>{r.iter().map(|c| view! { <td>{c.clone()}</td> }).collect_view()}</tr>
                    }).collect_view()}
                </tbody>
            </table></div>
        })}
        {(staged).then(|| view! {
            <div class="actions">
                {ok.then(|| view! {
                    <ActionForm action=act>
                        <input type="hidden" name="id" value=id.clone()/>
                        <input type="hidden" name="act" value="commit"/>
                        <button type="submit">"ثبت همه‌ی ردیف‌ها"</button>
                    </ActionForm>
                })}
                <ActionForm action=act>
                    <input type="hidden" name="id" value=id2.clone()/>
                    <input type="hidden" name="act" value="discard"/>
                    <button type="submit" class="button-secondary">"کنار گذاشتن"</button>
                </ActionForm>
            </div>
        })}
        {(p.state == "committed").then(|| view! {
            <p class="notice" role="status">"ثبت شد. " <A href="/water">"داشبورد آب"</A></p>
        })}
    }
}
